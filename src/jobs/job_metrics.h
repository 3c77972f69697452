// Counts what the job workers report, for GET /metrics. Register it with
// WorkerPool::AddObserver before the workers start; it must outlive them. Thread-safe and
// lock-free (called on worker threads). Counts are of this process: a job resumed after a
// restart is counted again when it finishes.
#pragma once

#include <vector>

#include "common/metrics.h"
#include "jobs/job_observer.h"

namespace shortlist::jobs {

class JobMetrics : public JobObserver {
 public:
  void OnJobStarted(const model::Job& job) override;
  void OnCandidatesSaved(const model::Job& job,
                         const std::vector<model::CandidateRecord>& batch) override;
  void OnJobFinished(const model::Job& job) override;

  metrics::Counter started;
  metrics::Counter completed;  // finished with status "completed"
  metrics::Counter failed;     // finished with status "failed"
  metrics::Counter resumes_screened;
};

}  // namespace shortlist::jobs
