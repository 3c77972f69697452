#include "jobs/finished_job_cache.h"

namespace shortlist::jobs {

using model::Job;
using model::JobSummary;

Result<std::unique_ptr<store::Store>> WithFinishedJobCache(
    Result<std::unique_ptr<store::Store>> opened) {
  if (!opened.ok()) return opened.error();
  return std::unique_ptr<store::Store>(
      std::make_unique<FinishedJobCache>(std::move(opened).value()));
}

Result<std::pair<Job, JobSummary>> FinishedJobCache::GetJobWithSummary(std::int64_t account_id,
                                                                       std::int64_t job_id) {
  {
    ReaderLock lock(mu_);
    auto it = jobs_.find(job_id);
    if (it != jobs_.end()) {
      if (it->second.first.account_id != account_id) {
        return Error::Make("not_found", "job " + std::to_string(job_id) + " not found");
      }
      return it->second;
    }
  }
  auto found = store_->GetJobWithSummary(account_id, job_id);
  if (found.ok() && model::IsFinal(found->first.status)) {
    const std::size_t bytes = found->first.description.size() + found->first.title.size() + 512;
    WriterLock lock(mu_);
    if (bytes_ + bytes > kMaxFinalJobBytes) {
      jobs_.clear();
      bytes_ = 0;
    }
    if (jobs_.emplace(job_id, *found).second) bytes_ += bytes;
  }
  return found;
}

// Everything else goes straight through.
Result<model::Account> FinishedJobCache::CreateAccount(const std::string& name,
                                                       const std::string& email, model::Plan plan) {
  return store_->CreateAccount(name, email, plan);
}
Result<model::Account> FinishedJobCache::FindAccountByName(const std::string& name) {
  return store_->FindAccountByName(name);
}
Result<std::int64_t> FinishedJobCache::CountAccounts() { return store_->CountAccounts(); }
Result<model::TokenInfo> FinishedJobCache::CreateToken(std::int64_t account_id,
                                                       const std::string& name,
                                                       const std::string& token_hash,
                                                       const std::string& prefix) {
  return store_->CreateToken(account_id, name, token_hash, prefix);
}
Result<model::Principal> FinishedJobCache::Authenticate(const std::string& token_hash) {
  return store_->Authenticate(token_hash);
}
Result<int> FinishedJobCache::RevokeTokens(const std::string& prefix_or_hash,
                                           std::int64_t account_id) {
  return store_->RevokeTokens(prefix_or_hash, account_id);
}
Result<std::vector<model::TokenInfo>> FinishedJobCache::ListTokens(std::int64_t account_id) {
  return store_->ListTokens(account_id);
}
Result<Job> FinishedJobCache::CreateJob(const model::NewJob& job,
                                        const std::string& public_id_prefix, std::int64_t now_ms) {
  return store_->CreateJob(job, public_id_prefix, now_ms);
}
Result<Job> FinishedJobCache::GetJob(std::int64_t account_id, std::int64_t job_id) {
  return store_->GetJob(account_id, job_id);
}
Result<Job> FinishedJobCache::GetJobByPublicId(std::int64_t account_id,
                                               const std::string& public_id) {
  return store_->GetJobByPublicId(account_id, public_id);
}
Result<std::vector<Job>> FinishedJobCache::ListJobs(std::int64_t account_id,
                                                    const model::JobFilter& filter, int* total) {
  return store_->ListJobs(account_id, filter, total);
}
Result<Job> FinishedJobCache::CancelJob(std::int64_t account_id, std::int64_t job_id,
                                        std::int64_t now_ms) {
  return store_->CancelJob(account_id, job_id, now_ms);
}
Result<std::vector<model::CandidateRecord>> FinishedJobCache::ListCandidates(
    std::int64_t job_id, const model::CandidateFilter& filter, int* total) {
  return store_->ListCandidates(job_id, filter, total);
}
Result<model::CandidateRecord> FinishedJobCache::GetCandidate(std::int64_t job_id, int index) {
  return store_->GetCandidate(job_id, index);
}
Result<JobSummary> FinishedJobCache::Summarize(std::int64_t job_id) {
  return store_->Summarize(job_id);
}
Result<model::CandidateRecord> FinishedJobCache::UpdateCandidate(
    std::int64_t job_id, int index, const std::optional<std::string>& status,
    const std::optional<std::string>& user_notes) {
  return store_->UpdateCandidate(job_id, index, status, user_notes);
}
Status FinishedJobCache::RecordOutcome(std::int64_t account_id, std::int64_t job_id, int index,
                                       const std::string& outcome, std::int64_t now_ms) {
  return store_->RecordOutcome(account_id, job_id, index, outcome, now_ms);
}
Result<std::vector<model::OutcomeRecord>> FinishedJobCache::ListOutcomes(std::int64_t account_id) {
  return store_->ListOutcomes(account_id);
}
Result<std::string> FinishedJobCache::OutcomesVersion(std::int64_t account_id) {
  return store_->OutcomesVersion(account_id);
}
Result<model::OutcomeSettings> FinishedJobCache::GetOutcomeSettings(std::int64_t account_id) {
  return store_->GetOutcomeSettings(account_id);
}
Status FinishedJobCache::SetOutcomeWeight(std::int64_t account_id, double weight) {
  return store_->SetOutcomeWeight(account_id, weight);
}
Status FinishedJobCache::ResetOutcomeModel(std::int64_t account_id, std::int64_t now_ms) {
  return store_->ResetOutcomeModel(account_id, now_ms);
}
Result<std::optional<Job>> FinishedJobCache::ClaimNextJob(const std::string& worker_id,
                                                          std::int64_t now_ms,
                                                          const model::OutboxFor<Job>& announce) {
  return store_->ClaimNextJob(worker_id, now_ms, announce);
}
Status FinishedJobCache::HeartbeatJobs(const std::vector<model::JobClaim>& claims,
                                       std::int64_t now_ms) {
  return store_->HeartbeatJobs(claims, now_ms);
}
Result<int> FinishedJobCache::RequeueStaleJobs(std::int64_t stale_before_ms) {
  return store_->RequeueStaleJobs(stale_before_ms);
}
Result<std::vector<model::ResumeInput>> FinishedJobCache::LoadResumes(std::int64_t job_id) {
  return store_->LoadResumes(job_id);
}
Result<std::vector<int>> FinishedJobCache::DoneIndices(std::int64_t job_id) {
  return store_->DoneIndices(job_id);
}
Status FinishedJobCache::SaveCandidates(std::int64_t job_id,
                                        const std::vector<model::CandidateRecord>& batch) {
  return store_->SaveCandidates(job_id, batch);
}
Result<bool> FinishedJobCache::FinishJob(const model::JobClaim& claim, model::JobStatus status,
                                         const std::string& error, std::int64_t now_ms,
                                         const std::vector<model::NewWebhookDelivery>& events) {
  return store_->FinishJob(claim, status, error, now_ms, events);
}
Status FinishedJobCache::ReleaseJob(const model::JobClaim& claim) {
  return store_->ReleaseJob(claim);
}
Result<int> FinishedJobCache::RequeueOrphanedJobs() { return store_->RequeueOrphanedJobs(); }
Result<std::int64_t> FinishedJobCache::PendingResumeCount() { return store_->PendingResumeCount(); }

}  // namespace shortlist::jobs
