#include "api/candidate_json.h"

#include <optional>

#include "common/clock.h"
#include "jobs/analysis.h"
#include "jobs/candidate_ids.h"

namespace shortlist::api {

using nlohmann::json;

namespace {

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

json JobsApiCandidate(const model::CandidateRecord& c) {
  // A resume that could not be read has no analysis: its lists are empty and its numbers 0.
  const std::optional<jobs::CandidateAnalysis> analysis = jobs::ParseAnalysis(c.analysis_json);
  json questions = json::array(), question_texts = json::array();
  json strengths = json::array(), weaknesses = json::array();
  json matched = json::array(), missing = json::array(), gap_severity = json::object();
  json breakdown = json::array(), matched_raw = json::array(), missing_raw = json::array();
  json related_raw = json::array();
  json relevant_years = 0, total_years = 0, similarity = 0, flags = json::array();
  std::string summary, icebreaker, document_kind = "text";
  if (analysis) {
    const engine::Evaluation& e = analysis->evaluation;
    const generate::CandidateWriteup& w = analysis->writeup;
    questions = jobs::QuestionsJson(w.interview_questions);
    for (const auto& q : w.interview_questions) question_texts.push_back(q.question);
    strengths = w.strengths;
    weaknesses = w.weaknesses;
    for (const auto& m : e.missing_skills) {
      missing.push_back(m.skill);
      gap_severity[m.skill] = std::string(engine::ToString(m.severity));
    }
    for (const auto& m : e.matched_skills) matched.push_back(m.skill);
    breakdown = jobs::BreakdownJson(e.breakdown);
    matched_raw = jobs::MatchedSkillsJson(e.matched_skills);
    related_raw = jobs::MatchedSkillsJson(e.related_skills);
    missing_raw = jobs::MissingSkillsJson(e.missing_skills);
    relevant_years = e.experience_years_relevant;
    total_years = analysis->profile.total_years_experience;
    similarity = e.semantic_similarity;
    flags = e.flags;
    summary = w.summary;
    icebreaker = w.icebreaker;
    document_kind = analysis->document.kind;
  }

  json out;
  out["id"] = c.index + 1;
  // Unique in the account (jobs/candidate_ids.h): GET /api/v1/candidates/{global_id}.
  out["global_id"] = jobs::GlobalCandidateId(c.job_id, c.index + 1);
  out["job_id"] = c.job_id;
  out["name"] = NullIfEmpty(c.name);
  out["score"] = c.score;
  out["qualified"] = c.qualified;
  out["summary"] = summary;
  out["status"] = c.status;
  out["email"] = NullIfEmpty(c.email);
  out["phone"] = NullIfEmpty(c.phone);
  out["linkedin_url"] = NullIfEmpty(c.linkedin_url);
  out["interview_questions"] = question_texts;
  out["strengths"] = strengths;
  out["weaknesses"] = weaknesses;
  out["contact_info"] = {
      {"email", out["email"]}, {"phone", out["phone"]}, {"linkedin_url", out["linkedin_url"]}};
  out["generated_outreach"] = {{"interview_questions", questions}, {"icebreaker", icebreaker}};
  out["raw_analysis"] = {{"filename", c.filename},
                         {"strengths", strengths},
                         {"weaknesses", weaknesses},
                         {"score_breakdown", breakdown},
                         {"matched_skills", matched_raw},
                         {"related_skills", related_raw},
                         {"missing_skills", missing_raw},
                         {"experience_years_relevant", relevant_years},
                         {"total_years_experience", total_years},
                         {"semantic_similarity", similarity},
                         {"flags", flags},
                         {"document_kind", document_kind}};
  out["matched_skills"] = matched;
  out["missing_skills"] = missing;
  out["gap_severity"] = gap_severity;
  out["user_notes"] = NullIfEmpty(c.user_notes);
  out["processed_at"] = FormatIso8601(c.processed_at_ms);
  if (!c.error_code.empty()) {
    out["error"] = {{"code", c.error_code}, {"message", c.error_message}};
  } else {
    out["error"] = nullptr;
  }
  return out;
}

}  // namespace shortlist::api
