#include "jobs/pool_overview.h"

#include <cmath>
#include <cstdio>

#include "engine/engine.h"
#include "jobs/analysis.h"

namespace shortlist::jobs {
namespace {

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string OneDecimal(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::round(v * 10) / 10);
  return buffer;
}

// "Alice Example (87; Python, Django, PostgreSQL)".
std::string Describe(const model::CandidateRecord& c) {
  std::string name = c.name.empty() ? "Candidate " + std::to_string(c.index + 1) : c.name;
  std::string out = name + " (" + std::to_string(c.score);
  if (auto analysis = ParseAnalysis(c.analysis_json)) {
    const auto& matched = analysis->evaluation.matched_skills;
    for (std::size_t i = 0; i < matched.size() && i < 3; ++i) {
      out += (i == 0 ? "; " : ", ") + matched[i].skill;
    }
  }
  return out + ")";
}

}  // namespace

int ProgressPercent(const model::Job& job) {
  if (job.status == model::JobStatus::kCompleted || job.candidate_count <= 0) return 100;
  const long long percent = 100LL * job.processed_count / job.candidate_count;
  return static_cast<int>(percent < 0 ? 0 : (percent > 100 ? 100 : percent));
}

std::string PoolOverview(const model::Job& job, const model::JobSummary& summary,
                         const std::vector<model::CandidateRecord>& best) {
  if (best.empty()) return "";
  const int readable = summary.total_candidates - summary.unreadable_count;
  std::string out = "Screened " + std::to_string(summary.total_candidates) + " of " +
                    Plural(job.candidate_count, "resume", "resumes") + " for " + job.title + ". ";
  const int threshold = engine::QualifyingThreshold(job.leniency_level);
  if (summary.qualified_count > 0) {
    out += Plural(summary.qualified_count, "candidate qualifies", "candidates qualify") +
           " (score " + std::to_string(threshold) + "+ at leniency " +
           std::to_string(job.leniency_level) + ")";
  } else {
    out += "No candidate reaches the qualifying score of " + std::to_string(threshold) +
           " at leniency " + std::to_string(job.leniency_level);
  }
  if (readable > 0) {
    out += "; top score " + std::to_string(summary.top_score) + ", average " +
           OneDecimal(summary.average_score);
  }
  out += ". ";
  std::string named;
  int shown = 0;
  for (const auto& c : best) {
    if (!c.error_code.empty() || shown == 3) continue;
    named += (shown++ == 0 ? "" : ", ") + Describe(c);
  }
  if (!named.empty()) out += "Best: " + named + ". ";
  if (summary.unreadable_count > 0) {
    out += Plural(summary.unreadable_count, "file", "files") + " could not be read. ";
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace shortlist::jobs
