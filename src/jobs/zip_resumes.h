// The resumes of a ZIP archive (POST /api/v1/jobs/upload-zip, HireSquire's `screen -z`): every
// file in it is one resume, whatever its name says (its kind is read from its bytes later, by
// the same pipeline as a `base64` resume of POST /jobs). Which entries are files, and the caps
// on hostile archives, are ingest::UnpackZip's (ingest/archive.h); the archive is opened by the
// given Extractor, which on the server is the sandbox: libzip never parses an upload in the
// server's address space.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/archive.h"
#include "ingest/extractor.h"
#include "model/job.h"

namespace shortlist::jobs {

// The Jobs API's caps: 100 resumes a job, a resume's and a request's byte budgets.
ingest::ArchiveLimits ZipResumeLimits();

// One ResumeInput per file, in archive order: filename = the file's name without its folders,
// base64 = its bytes. `upload_name` names the archive in messages. Errors: "invalid" and
// "too_large" as UnpackZip's, and the sandbox's codes (extract_timeout, extract_memory,
// extract_crashed) when the archive's reader failed.
Result<std::vector<model::ResumeInput>> ResumesFromZip(
    std::string_view zip, const ingest::Extractor& extractor, std::string_view upload_name = "",
    const ingest::ArchiveLimits& limits = ZipResumeLimits());

}  // namespace shortlist::jobs
