#include "api/candidate_json.h"

#include "common/clock.h"

namespace shortlist::api {

using nlohmann::json;

namespace {

json Field(const json& a, const char* key, json fallback) {
  auto it = a.find(key);
  return it == a.end() ? fallback : *it;
}

}  // namespace

json JobsApiCandidate(const store::CandidateRecord& c) {
  json a = json::parse(c.analysis_json.empty() ? "{}" : c.analysis_json, nullptr, false);
  if (!a.is_object()) a = json::object();
  json questions = Field(a, "interview_questions", json::array());
  json question_texts = json::array();
  for (const auto& q : questions) {
    if (q.is_object()) question_texts.push_back(q.value("question", ""));
  }
  json strengths = Field(a, "strengths", json::array());
  json weaknesses = Field(a, "weaknesses", json::array());
  json gap_severity = json::object();
  json missing = json::array();
  for (const auto& m : Field(a, "missing_skills", json::array())) {
    missing.push_back(m.value("skill", ""));
    gap_severity[m.value("skill", "")] = m.value("severity", "");
  }
  json matched = json::array();
  for (const auto& m : Field(a, "matched_skills", json::array()))
    matched.push_back(m.value("skill", ""));

  json out;
  out["id"] = c.index + 1;
  out["name"] = c.name.empty() ? json(nullptr) : json(c.name);
  out["score"] = c.score;
  out["qualified"] = c.qualified;
  out["summary"] = Field(a, "summary", "");
  out["status"] = c.status;
  out["email"] = c.email.empty() ? json(nullptr) : json(c.email);
  out["phone"] = c.phone.empty() ? json(nullptr) : json(c.phone);
  out["linkedin_url"] = c.linkedin_url.empty() ? json(nullptr) : json(c.linkedin_url);
  out["interview_questions"] = question_texts;
  out["strengths"] = strengths;
  out["weaknesses"] = weaknesses;
  out["contact_info"] = {
      {"email", out["email"]}, {"phone", out["phone"]}, {"linkedin_url", out["linkedin_url"]}};
  out["generated_outreach"] = {{"interview_questions", questions},
                               {"icebreaker", Field(a, "icebreaker", "")}};
  out["raw_analysis"] = {{"filename", c.filename},
                         {"strengths", strengths},
                         {"weaknesses", weaknesses},
                         {"score_breakdown", Field(a, "breakdown", json::array())},
                         {"matched_skills", Field(a, "matched_skills", json::array())},
                         {"related_skills", Field(a, "related_skills", json::array())},
                         {"missing_skills", Field(a, "missing_skills", json::array())},
                         {"experience_years_relevant", Field(a, "experience_years_relevant", 0)},
                         {"total_years_experience", Field(a, "total_years_experience", 0)},
                         {"semantic_similarity", Field(a, "semantic_similarity", 0)},
                         {"flags", Field(a, "flags", json::array())},
                         {"document_kind", Field(a, "document_kind", "text")}};
  out["matched_skills"] = matched;
  out["missing_skills"] = missing;
  out["gap_severity"] = gap_severity;
  out["user_notes"] = c.user_notes.empty() ? json(nullptr) : json(c.user_notes);
  out["processed_at"] = FormatIso8601(c.processed_at_ms);
  if (!c.error_code.empty()) {
    out["error"] = {{"code", c.error_code}, {"message", c.error_message}};
  } else {
    out["error"] = nullptr;
  }
  return out;
}

}  // namespace shortlist::api
