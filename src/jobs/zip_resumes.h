// The resumes of a ZIP archive (POST /api/v1/jobs/upload-zip, HireSquire's `screen -z`): every
// file in it is one resume, whatever its name says (its kind is read from its bytes later, by
// the same pipeline as a `base64` resume of POST /jobs). Folders are walked; `__MACOSX/` and
// hidden files or folders (a name starting with '.') are skipped, and so are empty files.
//
// Hostile archives are expected: the number of entries, the number of resumes, each file's and
// all files' inflated size are capped (ingest::ZipReader counts the bytes it inflates rather
// than trusting the sizes the archive declares, and refuses suspicious compression ratios), and
// an entry whose name would leave the archive's folder (absolute, a drive letter, "..") refuses
// the whole upload. Nothing is written to disk.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/job.h"

namespace shortlist::jobs {

struct ZipResumeLimits {
  std::size_t max_entries = 1000;                               // files and folders listed
  std::size_t max_resumes = 100;                                // the Jobs API's cap per job
  std::size_t max_file_bytes = model::kMaxResumeBytes;          // one file, inflated
  std::size_t max_total_bytes = model::kMaxRequestResumeBytes;  // all files, inflated
  double max_compression_ratio = 200;                           // per entry over 1 MiB
};

// One ResumeInput per file, in archive order: filename = the file's name without its folders,
// base64 = its bytes. Errors (message names the entry or the cap): "invalid" (not a ZIP, a
// path escape, no resume in it) and "too_large" (a cap).
Result<std::vector<model::ResumeInput>> ResumesFromZip(std::string_view zip,
                                                       const ZipResumeLimits& limits = {});

}  // namespace shortlist::jobs
