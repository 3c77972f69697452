#include "jobs/job_metrics.h"

namespace shortlist::jobs {

void JobMetrics::OnJobStarted(const model::Job&) { started.Add(); }

void JobMetrics::OnCandidatesSaved(const model::Job&,
                                   const std::vector<model::CandidateRecord>& batch) {
  resumes_screened.Add(batch.size());
}

void JobMetrics::OnJobFinished(const model::Job& job) {
  if (job.status == model::JobStatus::kCompleted) completed.Add();
  if (job.status == model::JobStatus::kFailed) failed.Add();
}

}  // namespace shortlist::jobs
