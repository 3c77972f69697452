// What the workers tell the rest of the server about a job's life: webhooks, billing refunds and
// metrics listen here. Observers are called on a worker thread, after the store has recorded the
// change, and must not block for long (enqueue, don't deliver). They may be called again for the
// same job after a restart (a job resumed after a crash starts again), so listeners deduplicate
// by job id and event where it matters.
#pragma once

#include <vector>

#include "model/candidate.h"
#include "model/job.h"

namespace shortlist::jobs {

class JobObserver {
 public:
  virtual ~JobObserver() = default;
  // A worker claimed the job (queued -> processing).
  virtual void OnJobStarted(const model::Job& job) { (void)job; }
  // A batch of candidates was written for the job.
  virtual void OnCandidatesSaved(const model::Job& job,
                                 const std::vector<model::CandidateRecord>& batch) {
    (void)job;
    (void)batch;
  }
  // The job reached completed or failed (read back from the store: counts are final). A job
  // cancelled through the API is not reported here; the API reports it.
  virtual void OnJobFinished(const model::Job& job) { (void)job; }
};

}  // namespace shortlist::jobs
