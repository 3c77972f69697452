// A screening job: what a client submits (NewJob, ResumeInput), what is kept of it (Job), a
// worker's hold on it (JobClaim), and how lists of jobs are filtered and summarised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::model {

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

// The most one resume may hold, however it is sent: its text, its file's decoded bytes, or what
// its URL answers.
inline constexpr std::size_t kMaxResumeBytes = 10u << 20;
// The most the resumes of one request may hold together (text and decoded files).
inline constexpr std::size_t kMaxRequestResumeBytes = 50u << 20;

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

}  // namespace shortlist::model
