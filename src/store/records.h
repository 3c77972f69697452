// The records the store keeps. Plain structs: no behaviour, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::store {

enum class Plan { kStarter, kStandard, kPro, kEnterprise };
std::string_view ToString(Plan plan);
std::optional<Plan> ParsePlan(std::string_view name);

struct Account {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  Plan plan = Plan::kStandard;
  std::int64_t created_at_ms = 0;
};

struct TokenInfo {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::string prefix;  // the first characters of the token, shown in listings
  std::int64_t created_at_ms = 0;
  bool revoked = false;
};

// Who a request acts for: the account and the credential that proved it. A user token may do
// everything its account may; an agent key only what its permissions name ("read", "screen",
// "email") and within its spend limits.
struct Principal {
  Account account;
  std::int64_t token_id = 0;      // user tokens: the token's id; agent keys: 0
  std::int64_t agent_key_id = 0;  // 0 for a user token
  std::string agent_key_name;
  std::vector<std::string> permissions;  // agent keys only
  // Rate limits and usage are counted per credential: tokens by id, agent keys by a distinct key.
  std::int64_t RateKey() const { return agent_key_id ? -agent_key_id : token_id; }
  bool Allows(std::string_view permission) const {
    if (agent_key_id == 0 || permission.empty()) return true;
    for (const auto& p : permissions) {
      if (p == permission) return true;
    }
    return false;
  }
};

// queued: accepted, waiting for a worker. processing: a worker holds it. The rest are final.
enum class JobStatus { kQueued, kProcessing, kCompleted, kFailed, kCancelled };
std::string_view ToString(JobStatus status);
std::optional<JobStatus> ParseJobStatus(std::string_view name);
inline bool IsFinal(JobStatus s) {
  return s == JobStatus::kCompleted || s == JobStatus::kFailed || s == JobStatus::kCancelled;
}

// Which API surface created a job; it decides how ids and shapes are shown.
enum class JobSurface { kJobs, kEvaluate, kBulkScreen };
std::string_view ToString(JobSurface surface);

// One resume as accepted: exactly one of content/base64/file_url is the source.
struct ResumeInput {
  std::string filename;
  std::string external_id;  // the client's own id (Evaluate API), may be empty
  std::string content;
  std::string base64;
  std::string file_url;
};

struct NewJob {
  std::int64_t account_id = 0;
  JobSurface surface = JobSurface::kJobs;
  std::string title;
  std::string description;
  int leniency_level = 5;
  std::string webhook_url;
  std::string webhook_conditions_json;  // as sent, "" when absent
  std::string options_json;             // surface-specific options, "" when absent
  std::vector<ResumeInput> resumes;
  // Non-empty: the job is stored already processing, held by this claimant (a /v1/evaluate
  // request screens its job inline), so no worker takes it. If the claimant dies before
  // FinishJob, the job goes back to the queue like any dead worker's.
  std::string claimed_by;
};

struct Job {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  JobSurface surface = JobSurface::kJobs;
  std::string public_id;  // "123" for the Jobs API, "job_…"/"bulk_…" for the Evaluate API
  std::string title;
  std::string description;
  int leniency_level = 5;
  JobStatus status = JobStatus::kQueued;
  std::int64_t created_at_ms = 0;
  std::int64_t started_at_ms = 0;    // 0 until a worker claims it
  std::int64_t completed_at_ms = 0;  // 0 until final
  int candidate_count = 0;
  int processed_count = 0;
  std::string error;
  std::string webhook_url;
  std::string webhook_conditions_json;
  std::string options_json;
};

// A worker's hold on a job: the job and the worker_id it was claimed with (ClaimNextJob, or
// NewJob::claimed_by). The queue calls that act for a worker take effect only while the job is
// still held by that claim, so a worker whose lease ran out, and whose job was requeued and
// perhaps claimed by another, changes nothing.
struct JobClaim {
  std::int64_t job_id = 0;
  std::string worker_id;
};

// One screened resume. `index` is its 0-based position in the job; the public candidate id is
// index + 1, stable for the life of the job.
struct CandidateRecord {
  std::int64_t job_id = 0;
  int index = 0;
  std::string filename;
  std::string external_id;
  std::string name;
  std::string email;
  std::string phone;
  std::string linkedin_url;
  int score = 0;
  // The unrounded score: candidates of equal (rounded) score rank by it, so a list's order is
  // the engine's and not the order the files were uploaded in.
  double raw_score = 0;
  bool qualified = false;
  std::string status = "new";
  std::string user_notes;
  std::string analysis_json;  // the engine's evaluation and the write-up, see jobs/analysis.h
  std::string error_code;     // set when the resume could not be read; score is then 0
  std::string error_message;
  std::int64_t processed_at_ms = 0;
};

// The order candidates are listed in: score, then the unrounded score, highest first (a stable
// sort keeps upload order among exact ties) -- what ListCandidates' ORDER BY does in SQL.
inline bool RanksAbove(const CandidateRecord& a, const CandidateRecord& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.raw_score > b.raw_score;
}

// A reported hiring outcome and what the engine had found about that candidate.
struct OutcomeRecord {
  std::int64_t job_id = 0;
  int index = 0;
  std::string outcome;  // "hired", "rejected", "withdrawn"
  std::string analysis_json;
  std::int64_t recorded_at_ms = 0;
};

struct JobSummary {
  int total_candidates = 0;
  int qualified_count = 0;
  int top_score = 0;
  double average_score = 0;
  int unreadable_count = 0;  // candidates whose file could not be read (Summarize only)
};

struct JobFilter {
  std::optional<JobStatus> status;
  std::optional<JobSurface> surface;
  std::int64_t created_after_ms = 0;
  int limit = 20;
  int offset = 0;
};

struct CandidateFilter {
  int min_score = 0;
  int only_top_n = 0;  // 0: all
  int limit = 50;
  int offset = 0;
};

}  // namespace shortlist::store
