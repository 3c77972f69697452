#include "store/records.h"

namespace shortlist::store {

std::string_view ToString(Plan plan) {
  switch (plan) {
    case Plan::kStarter:
      return "starter";
    case Plan::kStandard:
      return "standard";
    case Plan::kPro:
      return "pro";
    case Plan::kEnterprise:
      return "enterprise";
  }
  return "standard";
}

std::optional<Plan> ParsePlan(std::string_view name) {
  if (name == "starter") return Plan::kStarter;
  if (name == "standard") return Plan::kStandard;
  if (name == "pro") return Plan::kPro;
  if (name == "enterprise") return Plan::kEnterprise;
  return std::nullopt;
}

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

}  // namespace shortlist::store
