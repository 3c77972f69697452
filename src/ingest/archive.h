// The files of an uploaded ZIP archive (POST /api/v1/jobs/upload-zip, HireSquire's `screen -z`):
// folders are walked; `__MACOSX/`, hidden files or folders (a name starting with '.') and empty
// files are skipped. Nothing is written to disk.
//
// Hostile archives are expected, and an archive is parsed by libzip, so callers with files from
// users unpack through an Extractor (extractor.h), whose sandbox runs UnpackZip in a worker
// process like any document. Every quantity is capped: entries listed, files returned, each
// file's and all files' inflated bytes (ZipReader counts the bytes it inflates rather than
// trusting the sizes the archive declares, and refuses suspicious compression ratios), and an
// entry whose name would leave the archive's folder (absolute, a drive letter, "..") refuses the
// whole archive.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace shortlist::ingest {

struct ArchiveLimits {
  std::size_t max_entries = 1000;             // files and folders listed
  std::size_t max_files = 100;                // files returned
  std::size_t max_file_bytes = 10 << 20;      // one file, inflated
  std::size_t max_total_bytes = 50 << 20;     // all files, inflated
  double max_compression_ratio = 200;         // per entry over 1 MiB
  std::chrono::milliseconds timeout{10'000};  // wall-clock budget (enforced by the sandbox)
};

struct ArchiveFile {
  std::string path;   // the entry's name, '/'-separated, inside the archive
  std::string bytes;  // inflated, never empty
};

// The archive's files in archive order. Errors (the message names the entry or the cap):
// "invalid" (not a ZIP, a path escape, a file that does not inflate, no file at all) and
// "too_large" (a cap).
Result<std::vector<ArchiveFile>> UnpackZip(std::string_view zip, const ArchiveLimits& limits);

// The last part of an archive path: "team/bob.pdf" -> "bob.pdf".
std::string ArchiveBaseName(std::string_view path);

}  // namespace shortlist::ingest
