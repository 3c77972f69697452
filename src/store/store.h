// The one place that speaks SQL: accounts, API tokens, jobs, their candidates and the durable
// queue. One implementation (sql_store.cc), written once over store/sql.h, serves SQLite and
// PostgreSQL alike; store/database.h opens either.
//
// Tenant isolation lives here: every read of a job takes the caller's account id, and a job of
// another account is "not_found", exactly like a missing one.
//
// Thread-safe: one Store serves every thread of the process. Other processes (the CLI, other
// servers on PostgreSQL) may use the same database at the same time.
//
// One transaction across table groups: ClaimNextJob and FinishJob take the webhook deliveries
// that announce the change and write them to the outbox (store/webhook_store.h) in the change's
// own transaction, so an announced change always happened and a change is announced once.
//
// Errors: code "not_found", "conflict" (e.g. cancelling a finished job), "invalid", or
// "storage" for database failures.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "model/account.h"
#include "model/candidate.h"
#include "model/job.h"
#include "model/webhook.h"

namespace shortlist::store {

class Store {
 public:
  virtual ~Store() = default;

  // --- accounts and tokens ---
  virtual Result<model::Account> CreateAccount(const std::string& name, const std::string& email,
                                               model::Plan plan) = 0;
  virtual Result<model::Account> FindAccountByName(const std::string& name) = 0;
  virtual Result<std::int64_t> CountAccounts() = 0;
  // Stores only the token's hash. `prefix` is kept for listings and revocation by prefix.
  virtual Result<model::TokenInfo> CreateToken(std::int64_t account_id, const std::string& name,
                                               const std::string& token_hash,
                                               const std::string& prefix) = 0;
  // The account behind a live (not revoked) token; "not_found" otherwise.
  virtual Result<model::Principal> Authenticate(const std::string& token_hash) = 0;
  // Revokes every live token of `account_id` whose prefix or hash equals `prefix_or_hash`;
  // returns how many. kAnyAccount is for the operator's CLI, which acts on every account.
  static constexpr std::int64_t kAnyAccount = 0;
  virtual Result<int> RevokeTokens(const std::string& prefix_or_hash, std::int64_t account_id) = 0;
  virtual Result<std::vector<model::TokenInfo>> ListTokens(std::int64_t account_id) = 0;

  // --- jobs (as the API sees them) ---
  // Stores the job and its resumes in one transaction, status queued. `public_id_prefix` ""
  // makes the public id the numeric id; "job_" or "bulk_" adds a random suffix.
  virtual Result<model::Job> CreateJob(const model::NewJob& job,
                                       const std::string& public_id_prefix,
                                       std::int64_t now_ms) = 0;
  virtual Result<model::Job> GetJob(std::int64_t account_id, std::int64_t job_id) = 0;
  virtual Result<model::Job> GetJobByPublicId(std::int64_t account_id,
                                              const std::string& public_id) = 0;
  // Newest first. `total` receives the count matching the filter before paging.
  virtual Result<std::vector<model::Job>> ListJobs(std::int64_t account_id,
                                                   const model::JobFilter& filter, int* total) = 0;
  // queued/processing -> cancelled; "conflict" when the job is already final.
  virtual Result<model::Job> CancelJob(std::int64_t account_id, std::int64_t job_id,
                                       std::int64_t now_ms) = 0;
  // Highest score first (ties: lower index first). `total` counts matches before paging.
  virtual Result<std::vector<model::CandidateRecord>> ListCandidates(
      std::int64_t job_id, const model::CandidateFilter& filter, int* total) = 0;
  virtual Result<model::CandidateRecord> GetCandidate(std::int64_t job_id, int index) = 0;
  virtual Result<model::JobSummary> Summarize(std::int64_t job_id) = 0;
  // GetJob and Summarize in one read.
  virtual Result<std::pair<model::Job, model::JobSummary>> GetJobWithSummary(
      std::int64_t account_id, std::int64_t job_id) = 0;
  // Sets a candidate's status and/or notes (nullopt leaves a field as it is).
  virtual Result<model::CandidateRecord> UpdateCandidate(
      std::int64_t job_id, int index, const std::optional<std::string>& status,
      const std::optional<std::string>& user_notes) = 0;
  // Records (or replaces) the hiring outcome of a candidate: hired, rejected or withdrawn.
  virtual Status RecordOutcome(std::int64_t account_id, std::int64_t job_id, int index,
                               const std::string& outcome, std::int64_t now_ms) = 0;
  // The account's recorded outcomes with the candidates' stored analyses and their postings'
  // title and description, oldest first.
  virtual Result<std::vector<model::OutcomeRecord>> ListOutcomes(std::int64_t account_id) = 0;
  // Changes whenever one of the account's outcomes is recorded or changed; cheap to read, so a
  // model cache can tell it is stale without reading the outcomes.
  virtual Result<std::string> OutcomesVersion(std::int64_t account_id) = 0;
  // The account's outcome-learning settings; the defaults when it never changed them.
  virtual Result<model::OutcomeSettings> GetOutcomeSettings(std::int64_t account_id) = 0;
  virtual Status SetOutcomeWeight(std::int64_t account_id, double weight) = 0;
  // Outcomes recorded up to `now_ms` stop teaching the account's model (they stay recorded).
  virtual Status ResetOutcomeModel(std::int64_t account_id, std::int64_t now_ms) = 0;

  // --- the durable queue (as workers see it) ---
  // Claims the oldest queued job for `worker_id` (queued -> processing, heartbeat = now), or
  // nullopt. Safe across processes: two workers never claim the same job. `announce` (may be
  // empty) builds, from the claimed job, deliveries (job.processing) written with the claim.
  virtual Result<std::optional<model::Job>> ClaimNextJob(
      const std::string& worker_id, std::int64_t now_ms,
      const model::OutboxFor<model::Job>& announce) = 0;
  Result<std::optional<model::Job>> ClaimNextJob(const std::string& worker_id,
                                                 std::int64_t now_ms) {
    return ClaimNextJob(worker_id, now_ms, nullptr);
  }
  // Renews the lease on jobs this process is screening: their heartbeat becomes `now_ms`.
  // Claims no longer held (the job finished, or was requeued after its lease ran out) are
  // ignored.
  virtual Status HeartbeatJobs(const std::vector<model::JobClaim>& claims, std::int64_t now_ms) = 0;
  // processing -> queued for every job whose heartbeat is older than `stale_before_ms`: its
  // worker (another process, maybe on another machine) died. Returns how many.
  virtual Result<int> RequeueStaleJobs(std::int64_t stale_before_ms) = 0;
  virtual Result<std::vector<model::ResumeInput>> LoadResumes(std::int64_t job_id) = 0;
  // Indices already written for the job (a resumed job skips them).
  virtual Result<std::vector<int>> DoneIndices(std::int64_t job_id) = 0;
  // Writes a batch of candidates and advances processed_count, in one transaction. A candidate
  // whose index is already written is skipped, so a replayed batch never duplicates. A batch
  // for a final job is dropped: after a cancel, what was screened before it stays; a late batch
  // from a worker whose lease ran out never changes a finished job.
  virtual Status SaveCandidates(std::int64_t job_id,
                                const std::vector<model::CandidateRecord>& batch) = 0;
  // processing -> completed/failed, while `claim` holds the job. Answers whether this call
  // finished it: false when the job was cancelled meanwhile (it stays cancelled) or is no
  // longer held by this claim (its lease ran out; another worker finishes it). `events`
  // (job.completed, high_score_detected, ...) are written to the outbox in the same
  // transaction, and only when this call finished the job.
  virtual Result<bool> FinishJob(const model::JobClaim& claim, model::JobStatus status,
                                 const std::string& error, std::int64_t now_ms,
                                 const std::vector<model::NewWebhookDelivery>& events) = 0;
  Result<bool> FinishJob(const model::JobClaim& claim, model::JobStatus status,
                         const std::string& error, std::int64_t now_ms) {
    return FinishJob(claim, status, error, now_ms, {});
  }
  // processing -> queued, for a job `claim` holds but will not finish (graceful stop, a failed
  // write). Nothing happens when the claim no longer holds it.
  virtual Status ReleaseJob(const model::JobClaim& claim) = 0;
  // At start-up, before this process's workers run: returns to the queue the jobs whose workers
  // cannot still be running. When this process is the database's sole server (Sharing in
  // store/database.h), that is every processing job: their workers were its previous run.
  // Otherwise it is none: other servers' workers may be alive, and a dead one's jobs return
  // through RequeueStaleJobs when their lease runs out. Returns how many.
  virtual Result<int> RequeueOrphanedJobs() = 0;
  // Jobs waiting or running across all accounts (queue depth and ETA).
  virtual Result<std::int64_t> PendingResumeCount() = 0;
};

// The SQLite database file at `path` (created if needed; this process its sole server), or
// PostgreSQL at `url` (shared by any number of server processes).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace shortlist::store
