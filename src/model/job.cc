#include "model/job.h"

namespace shortlist::model {

std::string_view ToString(JobStatus status) {
  switch (status) {
    case JobStatus::kQueued:
      return "queued";
    case JobStatus::kProcessing:
      return "processing";
    case JobStatus::kCompleted:
      return "completed";
    case JobStatus::kFailed:
      return "failed";
    case JobStatus::kCancelled:
      return "cancelled";
  }
  return "queued";
}

std::optional<JobStatus> ParseJobStatus(std::string_view name) {
  for (JobStatus s : {JobStatus::kQueued, JobStatus::kProcessing, JobStatus::kCompleted,
                      JobStatus::kFailed, JobStatus::kCancelled}) {
    if (ToString(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view ToString(JobSurface surface) {
  switch (surface) {
    case JobSurface::kJobs:
      return "jobs";
    case JobSurface::kEvaluate:
      return "evaluate";
    case JobSurface::kBulkScreen:
      return "bulk_screen";
  }
  return "jobs";
}

}  // namespace shortlist::model
