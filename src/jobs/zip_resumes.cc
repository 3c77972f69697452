#include "jobs/zip_resumes.h"

#include <set>
#include <string>

#include "ingest/zip_reader.h"

namespace shortlist::jobs {
namespace {

std::string Base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

enum class EntryKind { kFile, kSkipped, kEscape };

// What an entry's name makes of it; `*base` receives the file name without its folders.
EntryKind Classify(std::string name, std::string* base) {
  for (char& c : name) {
    if (c == '\\') c = '/';  // archives made on Windows
  }
  if (name.empty() || name.back() == '/') return EntryKind::kSkipped;  // a folder: walked
  if (name.front() == '/' || (name.size() > 1 && name[1] == ':')) return EntryKind::kEscape;
  std::size_t start = 0;
  bool skipped = false;
  while (start < name.size()) {
    std::size_t slash = name.find('/', start);
    if (slash == std::string::npos) slash = name.size();
    const std::string part = name.substr(start, slash - start);
    if (part == "..") return EntryKind::kEscape;
    if (part == "__MACOSX" || (!part.empty() && part.front() == '.')) skipped = true;
    *base = part;
    start = slash + 1;
  }
  return skipped || base->empty() ? EntryKind::kSkipped : EntryKind::kFile;
}

}  // namespace

Result<std::vector<model::ResumeInput>> ResumesFromZip(std::string_view zip,
                                                       const ZipResumeLimits& limits) {
  ingest::ExtractLimits extract;
  extract.max_uncompressed = limits.max_total_bytes;
  extract.max_compression_ratio = limits.max_compression_ratio;
  auto reader = ingest::ZipReader::Open(zip, extract);
  if (!reader.ok()) return Error::Make("invalid", "The file is not a readable ZIP archive.");
  const std::vector<std::string> names = (*reader)->Names();
  if (names.size() > limits.max_entries) {
    return Error::Make("too_large", "The ZIP archive lists " + std::to_string(names.size()) +
                                        " entries; at most " + std::to_string(limits.max_entries) +
                                        " are read.");
  }
  std::vector<model::ResumeInput> resumes;
  std::set<std::string> seen;
  for (const std::string& name : names) {
    std::string base;
    const EntryKind kind = Classify(name, &base);
    if (kind == EntryKind::kEscape) {
      return Error::Make("invalid", "The ZIP entry '" + name.substr(0, 200) +
                                        "' points outside the archive; nothing was screened.");
    }
    if (kind == EntryKind::kSkipped || !seen.insert(name).second) continue;
    auto bytes = (*reader)->Read(name);
    if (!bytes.ok()) {
      if (bytes.error().code == "file_too_large") {
        return Error::Make("too_large", "The ZIP archive inflates to more than " +
                                            std::to_string(limits.max_total_bytes >> 20) +
                                            " MiB (or compresses suspiciously well).");
      }
      return Error::Make("invalid", "The ZIP entry '" + name.substr(0, 200) +
                                        "' cannot be read: " + bytes.error().message + ".");
    }
    if (bytes->empty()) continue;
    if (bytes->size() > limits.max_file_bytes) {
      return Error::Make("too_large",
                         "The ZIP entry '" + name.substr(0, 200) + "' is larger than " +
                             std::to_string(limits.max_file_bytes >> 20) + " MiB once inflated.");
    }
    if (resumes.size() == limits.max_resumes) {
      return Error::Make("too_large", "The ZIP archive holds more than " +
                                          std::to_string(limits.max_resumes) +
                                          " resumes; send at most that many per job.");
    }
    model::ResumeInput in;
    in.filename = base.substr(0, 255);
    in.base64 = Base64(*bytes);
    resumes.push_back(std::move(in));
  }
  if (resumes.empty()) return Error::Make("invalid", "The ZIP archive holds no resume file.");
  return resumes;
}

}  // namespace shortlist::jobs
