#include "jobs/zip_resumes.h"

#include <string>

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

}  // namespace

ingest::ArchiveLimits ZipResumeLimits() {
  ingest::ArchiveLimits limits;
  limits.max_files = 100;  // the Jobs API's cap per job
  limits.max_file_bytes = model::kMaxResumeBytes;
  limits.max_total_bytes = model::kMaxRequestResumeBytes;
  return limits;
}

Result<std::vector<model::ResumeInput>> ResumesFromZip(std::string_view zip,
                                                       const ingest::Extractor& extractor,
                                                       std::string_view upload_name,
                                                       const ingest::ArchiveLimits& limits) {
  auto files = extractor.Unpack(zip, upload_name, limits);
  if (!files.ok()) return files.error();
  std::vector<model::ResumeInput> resumes;
  resumes.reserve(files->size());
  for (const ingest::ArchiveFile& file : *files) {
    model::ResumeInput in;
    in.filename = ingest::ArchiveBaseName(file.path).substr(0, 255);
    in.base64 = Base64(file.bytes);
    resumes.push_back(std::move(in));
  }
  return resumes;
}

}  // namespace shortlist::jobs
