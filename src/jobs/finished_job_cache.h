// A Store that answers GetJobWithSummary for finished jobs from memory, in front of the store
// that holds them. A job in a final state never changes again (batches for a final job are
// dropped, FinishJob and CancelJob leave final jobs alone, and candidate status, notes and
// outcomes are not part of the summary), so its row and summary are kept once read: the most
// polled endpoint then reads no database at all for finished jobs. Every other call goes
// straight to the store. The cache holds at most kMaxFinalJobBytes and starts over when full.
//
// Thread-safe, as the store it wraps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>

#include "common/mutex.h"
#include "store/store.h"

namespace shortlist::jobs {

// Wraps an opened store (an error passes through).
Result<std::unique_ptr<store::Store>> WithFinishedJobCache(
    Result<std::unique_ptr<store::Store>> opened);

class FinishedJobCache : public store::Store {
 public:
  static constexpr std::size_t kMaxFinalJobBytes = 32u << 20;

  explicit FinishedJobCache(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}

  Result<std::pair<model::Job, model::JobSummary>> GetJobWithSummary(std::int64_t account_id,
                                                                     std::int64_t job_id) override;

  // The rest, as the store answers.
  Result<model::Account> CreateAccount(const std::string& name, const std::string& email,
                                       model::Plan plan) override;
  Result<model::Account> FindAccountByName(const std::string& name) override;
  Result<std::int64_t> CountAccounts() override;
  Result<model::TokenInfo> CreateToken(std::int64_t account_id, const std::string& name,
                                       const std::string& token_hash,
                                       const std::string& prefix) override;
  Result<model::Principal> Authenticate(const std::string& token_hash) override;
  Result<int> RevokeTokens(const std::string& prefix_or_hash, std::int64_t account_id) override;
  Result<std::vector<model::TokenInfo>> ListTokens(std::int64_t account_id) override;
  Result<model::Job> CreateJob(const model::NewJob& job, const std::string& public_id_prefix,
                               std::int64_t now_ms) override;
  Result<model::Job> GetJob(std::int64_t account_id, std::int64_t job_id) override;
  Result<model::Job> GetJobByPublicId(std::int64_t account_id,
                                      const std::string& public_id) override;
  Result<std::vector<model::Job>> ListJobs(std::int64_t account_id, const model::JobFilter& filter,
                                           int* total) override;
  Result<model::Job> CancelJob(std::int64_t account_id, std::int64_t job_id,
                               std::int64_t now_ms) override;
  Result<std::vector<model::CandidateRecord>> ListCandidates(std::int64_t job_id,
                                                             const model::CandidateFilter& filter,
                                                             int* total) override;
  Result<model::CandidateRecord> GetCandidate(std::int64_t job_id, int index) override;
  Result<model::JobSummary> Summarize(std::int64_t job_id) override;
  Result<model::CandidateRecord> UpdateCandidate(
      std::int64_t job_id, int index, const std::optional<std::string>& status,
      const std::optional<std::string>& user_notes) override;
  Status RecordOutcome(std::int64_t account_id, std::int64_t job_id, int index,
                       const std::string& outcome, std::int64_t now_ms) override;
  Result<std::vector<model::OutcomeRecord>> ListOutcomes(std::int64_t account_id) override;
  Result<std::string> OutcomesVersion(std::int64_t account_id) override;
  Result<model::OutcomeSettings> GetOutcomeSettings(std::int64_t account_id) override;
  Status SetOutcomeWeight(std::int64_t account_id, double weight) override;
  Status ResetOutcomeModel(std::int64_t account_id, std::int64_t now_ms) override;
  using Store::ClaimNextJob;
  Result<std::optional<model::Job>> ClaimNextJob(
      const std::string& worker_id, std::int64_t now_ms,
      const model::OutboxFor<model::Job>& announce) override;
  Status HeartbeatJobs(const std::vector<model::JobClaim>& claims, std::int64_t now_ms) override;
  Result<int> RequeueStaleJobs(std::int64_t stale_before_ms) override;
  Result<std::vector<model::ResumeInput>> LoadResumes(std::int64_t job_id) override;
  Result<std::vector<int>> DoneIndices(std::int64_t job_id) override;
  Status SaveCandidates(std::int64_t job_id,
                        const std::vector<model::CandidateRecord>& batch) override;
  using Store::FinishJob;
  Result<bool> FinishJob(const model::JobClaim& claim, model::JobStatus status,
                         const std::string& error, std::int64_t now_ms,
                         const std::vector<model::NewWebhookDelivery>& events) override;
  Status ReleaseJob(const model::JobClaim& claim) override;
  Result<int> RequeueOrphanedJobs() override;
  Result<std::int64_t> PendingResumeCount() override;

 private:
  std::unique_ptr<store::Store> store_;
  SharedMutex mu_;
  std::unordered_map<std::int64_t, std::pair<model::Job, model::JobSummary>> jobs_ GUARDED_BY(mu_);
  std::size_t bytes_ GUARDED_BY(mu_) = 0;
};

}  // namespace shortlist::jobs
