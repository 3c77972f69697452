// A screened resume as it is kept (CandidateRecord), the hiring outcome reported for one, and
// how a job's candidates are filtered and ranked.
#pragma once

#include <cstdint>
#include <string>

namespace shortlist::model {

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
  // The posting the candidate was screened for: which later postings the outcome speaks to.
  std::string job_title;
  std::string job_description;
};

// How an account's outcomes shape its later rankings (jobs/outcome_model.h).
struct OutcomeSettings {
  // Scales the learned contribution: 1 (the default) keeps it within +-10 points, 0 switches
  // learning off, at most kMaxOutcomeWeight.
  double outcome_weight = 1;
  // Outcomes recorded at or before this time (ms) no longer teach the model; 0: never reset.
  std::int64_t reset_at_ms = 0;
};
inline constexpr double kMaxOutcomeWeight = 3;

struct CandidateFilter {
  int min_score = 0;
  int only_top_n = 0;  // 0: all
  int limit = 50;
  int offset = 0;
};

}  // namespace shortlist::model
