// Account-wide candidate ids (`global_id`), for clients that hold only a candidate id
// (GET /api/v1/candidates/{id}, PATCH /api/v1/candidates/{id}/status; HireSquire's CLI and SDK).
//
// A candidate's per-job id is its 1-based position in the job (model::CandidateRecord::index +
// 1). The global id packs the job id beside it: global = job_id * kPerJob + position. Job ids
// are unique across accounts, so global ids are too; the encoding needs nothing stored, is
// stable for the life of the job, and decodes without a lookup. It bounds a job to
// kPerJob - 1 = 99,999 resumes (the Jobs API takes 100 a job, /bulk-screen 1,000). Decoding says
// nothing about ownership: the job is then looked up with the caller's account (another
// account's job is "not_found").
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

namespace shortlist::jobs {

inline constexpr std::int64_t kCandidatesPerJobId = 100000;

// The global id of position `position` (1-based) of job `job_id`.
inline std::int64_t GlobalCandidateId(std::int64_t job_id, std::int64_t position) {
  return job_id * kCandidatesPerJobId + position;
}

// {job_id, position} of a global id, or nullopt when `id` cannot be one (no job or position).
inline std::optional<std::pair<std::int64_t, std::int64_t>> DecodeGlobalCandidateId(
    std::int64_t id) {
  if (id <= kCandidatesPerJobId) return std::nullopt;
  const std::int64_t job_id = id / kCandidatesPerJobId;
  const std::int64_t position = id % kCandidatesPerJobId;
  if (position == 0) return std::nullopt;
  return std::make_pair(job_id, position);
}

}  // namespace shortlist::jobs
