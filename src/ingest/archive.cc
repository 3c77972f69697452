#include "ingest/archive.h"

#include <set>

#include "ingest/zip_reader.h"

namespace shortlist::ingest {
namespace {

enum class EntryKind { kFile, kSkipped, kEscape };

// What an entry's name makes of it; `*path` receives the name with '/' separators.
EntryKind Classify(std::string name, std::string* path) {
  for (char& c : name) {
    if (c == '\\') c = '/';  // archives made on Windows
  }
  *path = name;
  if (name.empty() || name.back() == '/') return EntryKind::kSkipped;  // a folder: walked
  if (name.front() == '/' || (name.size() > 1 && name[1] == ':')) return EntryKind::kEscape;
  std::size_t start = 0;
  bool skipped = false;
  while (start < name.size()) {
    std::size_t slash = name.find('/', start);
    if (slash == std::string::npos) slash = name.size();
    const std::string_view part = std::string_view(name).substr(start, slash - start);
    if (part == "..") return EntryKind::kEscape;
    if (part == "__MACOSX" || (!part.empty() && part.front() == '.')) skipped = true;
    start = slash + 1;
  }
  return skipped ? EntryKind::kSkipped : EntryKind::kFile;
}

std::string Shown(const std::string& name) { return "'" + name.substr(0, 200) + "'"; }

std::string MiB(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

std::string ArchiveBaseName(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Result<std::vector<ArchiveFile>> UnpackZip(std::string_view zip, const ArchiveLimits& limits) {
  ExtractLimits extract;
  extract.max_uncompressed = limits.max_total_bytes;
  extract.max_compression_ratio = limits.max_compression_ratio;
  auto reader = ZipReader::Open(zip, extract);
  if (!reader.ok()) return Error::Make("invalid", "The file is not a readable ZIP archive.");
  const std::vector<std::string> names = (*reader)->Names();
  if (names.size() > limits.max_entries) {
    return Error::Make("too_large", "The ZIP archive lists " + std::to_string(names.size()) +
                                        " entries; at most " + std::to_string(limits.max_entries) +
                                        " are read.");
  }
  std::vector<ArchiveFile> files;
  std::set<std::string> seen;
  for (const std::string& name : names) {
    std::string path;
    const EntryKind kind = Classify(name, &path);
    if (kind == EntryKind::kEscape) {
      return Error::Make("invalid", "The ZIP entry " + Shown(name) +
                                        " points outside the archive; nothing was read.");
    }
    if (kind == EntryKind::kSkipped || !seen.insert(name).second) continue;
    auto bytes = (*reader)->Read(name);
    if (!bytes.ok()) {
      if (bytes.error().code == "file_too_large") {
        return Error::Make("too_large", "The ZIP archive inflates to more than " +
                                            MiB(limits.max_total_bytes) +
                                            " (or compresses suspiciously well).");
      }
      return Error::Make("invalid", "The ZIP entry " + Shown(name) +
                                        " cannot be read: " + bytes.error().message + ".");
    }
    if (bytes->empty()) continue;
    if (bytes->size() > limits.max_file_bytes) {
      return Error::Make("too_large", "The ZIP entry " + Shown(name) + " is larger than " +
                                          MiB(limits.max_file_bytes) + " once inflated.");
    }
    if (files.size() == limits.max_files) {
      return Error::Make("too_large", "The ZIP archive holds more than " +
                                          std::to_string(limits.max_files) +
                                          " files; send at most that many at once.");
    }
    files.push_back({std::move(path), std::move(*bytes)});
  }
  if (files.empty()) return Error::Make("invalid", "The ZIP archive holds no file to read.");
  return files;
}

}  // namespace shortlist::ingest
