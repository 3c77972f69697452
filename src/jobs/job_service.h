// Screening jobs as the API surfaces see them: submit (charge, save, wake a worker), evaluate at
// once, read status and progress, list, cancel (and refund what was not screened), and the
// candidates of a job. Handlers translate HTTP to these calls and back; every rule about a job's
// life lives here or below (the store, the workers, billing).
//
// Tenant isolation: every call takes the caller's account id; another account's job or candidate
// is "not_found", exactly like a missing one.
//
// Thread-safe: one JobService serves every HTTP thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "engine/engine.h"
#include "jobs/job_charges.h"
#include "jobs/outcome_learner.h"
#include "jobs/outcome_model.h"
#include "jobs/screener.h"
#include "jobs/worker_pool.h"
#include "model/account.h"
#include "model/candidate.h"
#include "model/job.h"
#include "store/store.h"

namespace shortlist::jobs {

// A job with what its status answer shows besides the row.
struct JobStatusView {
  model::Job job;
  model::JobSummary summary;
  // When the job is (or was) expected to finish: completed_at for a final job, else now plus
  // the time the workers need for the resumes queued before it and its own.
  std::int64_t estimated_completion_ms = 0;
};

struct JobListQuery {
  // Empty: every status. Several: their union, newest first (a client's "processing" is the
  // queued and the processing jobs together).
  std::vector<model::JobStatus> statuses;
  std::optional<model::JobSurface> surface;
  std::int64_t created_after_ms = 0;
  int limit = 20;
  int offset = 0;
};

struct JobPage {
  std::vector<JobStatusView> jobs;
  int total = 0;  // matching jobs before paging
};

struct CandidatePage {
  std::vector<model::CandidateRecord> candidates;
  int total = 0;  // matching candidates before paging
};

// What /v1/evaluate's synchronous screening produced. When any resume could not be read the job
// is not kept (`stored` is empty) and its charge is given back: the caller answers 422.
struct EvaluatedJob {
  std::optional<model::Job> stored;
  std::vector<model::CandidateRecord> candidates;  // in submission order
  engine::JobRequirements requirements;
};

class JobService {
 public:
  // Everything given must outlive the service. `workers` may be null (nothing to wake or ask
  // for an estimate: a default rate is assumed); `billing` may be null (nothing is charged).
  JobService(store::Store& store, const Screener& screener, WorkerPool* workers,
             JobCharges* billing, const Clock& clock);

  const Screener& screener() const { return screener_; }

  // Charges one credit per resume for `caller`, stores the job queued and wakes a worker. A job
  // the balance or an agent key's limits cannot cover is refused whole ("insufficient_credits",
  // "spend_limit_exceeded"); if storing fails the charge is given back. `public_id_prefix`:
  // see Store::CreateJob.
  Result<model::Job> Submit(const model::Principal& caller, const model::NewJob& job,
                            std::string_view public_id_prefix);

  // Charges, screens every resume on the calling thread (with the account's outcome model) and
  // stores the job completed. See EvaluatedJob for unreadable resumes.
  Result<EvaluatedJob> Evaluate(const model::Principal& caller, model::NewJob job);

  Result<model::Job> Get(std::int64_t account_id, std::int64_t job_id);
  Result<model::Job> GetByPublicId(std::int64_t account_id, const std::string& public_id);
  // The most polled call of all: a finished job is answered from memory.
  Result<JobStatusView> View(std::int64_t account_id, std::int64_t job_id);
  Result<JobPage> List(std::int64_t account_id, const JobListQuery& query);
  // queued/processing -> cancelled, then gives back the credits of the resumes never screened.
  // "conflict" when the job is already final.
  Result<model::Job> Cancel(std::int64_t account_id, std::int64_t job_id);

  // The job's candidates, best first (Store::ListCandidates).
  Result<CandidatePage> Candidates(const model::Job& job, const model::CandidateFilter& filter);
  // Candidate `candidate_id` of `job`: its 1-based position as the API shows it, or its global id
  // (jobs/candidate_ids.h) when that names this job. "not_found" naming it otherwise.
  Result<model::CandidateRecord> Candidate(const model::Job& job, std::int64_t candidate_id);
  // The account's candidate with global id `global_id` (jobs/candidate_ids.h) and its job. Any
  // id that is not one, names another account's job or a position not screened: "not_found"
  // ("Candidate not found.").
  Result<std::pair<model::Job, model::CandidateRecord>> FindCandidate(std::int64_t account_id,
                                                                      std::int64_t global_id);
  Result<model::CandidateRecord> UpdateCandidate(const model::CandidateRecord& candidate,
                                                 const std::optional<std::string>& status,
                                                 const std::optional<std::string>& user_notes);
  Status RecordOutcome(std::int64_t account_id, const model::CandidateRecord& candidate,
                       const std::string& outcome);
  // A short overview of the job's pool (jobs/pool_overview.h): "" before any candidate.
  Result<std::string> PoolOverview(const model::Job& job);
  // What the account's outcomes have taught its ranking model (GET /api/v1/outcomes/model).
  Result<OutcomeModelSummary> OutcomeModelOf(std::int64_t account_id);
  // 0 switches learning off; "invalid" outside 0..model::kMaxOutcomeWeight.
  Status SetOutcomeWeight(std::int64_t account_id, double weight);
  // Forgets what the outcomes recorded until now taught (they stay recorded).
  Status ResetOutcomeModel(std::int64_t account_id);

  // Milliseconds the workers need for `remaining` resumes with `ahead` queued before them.
  std::int64_t EstimateMillis(std::int64_t ahead, std::int64_t remaining) const;
  // Resumes of queued or processing jobs not screened yet, across all accounts.
  Result<std::int64_t> QueueDepth();

 private:
  std::int64_t EstimatedCompletion(const model::Job& job);
  Result<std::vector<model::Job>> ListUnion(std::int64_t account_id, const JobListQuery& query,
                                            int* total);

  store::Store& store_;
  const Screener& screener_;
  OutcomeLearner learner_{store_, screener_.engine()};
  WorkerPool* workers_;
  JobCharges* billing_;
  const Clock& clock_;
};

}  // namespace shortlist::jobs
