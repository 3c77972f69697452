#include "jobs/analysis.h"

namespace shortlist::jobs {

using nlohmann::json;

json BuildAnalysis(const engine::ResumeProfile& resume, const engine::Evaluation& e,
                   const generate::CandidateWriteup& w, const DocumentFacts& document) {
  json a;
  a["score"] = e.score;
  a["qualified"] = e.qualified;
  a["breakdown"] = json::array();
  for (const auto& f : e.breakdown) {
    a["breakdown"].push_back({{"name", f.name},
                              {"value", f.value},
                              {"weight", f.weight},
                              {"points", f.points},
                              {"explanation", f.explanation}});
  }
  a["matched_skills"] = json::array();
  for (const auto& m : e.matched_skills) {
    a["matched_skills"].push_back({{"skill", m.skill},
                                   {"via", m.via},
                                   {"credit", m.credit},
                                   {"evidence", m.evidence},
                                   {"years", m.years}});
  }
  a["missing_skills"] = json::array();
  for (const auto& m : e.missing_skills) {
    a["missing_skills"].push_back({{"skill", m.skill},
                                   {"required", m.required},
                                   {"severity", std::string(engine::ToString(m.severity))}});
  }
  a["experience_years_relevant"] = e.experience_years_relevant;
  a["semantic_similarity"] = e.semantic_similarity;
  a["strengths"] = w.strengths.empty() ? e.strengths : w.strengths;
  a["weaknesses"] = w.weaknesses.empty() ? e.weaknesses : w.weaknesses;
  a["flags"] = e.flags;
  const auto& c = resume.contact;
  a["contact"] = {{"name", c.name},
                  {"email", c.email},
                  {"phone", c.phone},
                  {"linkedin_url", c.linkedin_url},
                  {"github_url", c.github_url},
                  {"portfolio_url", c.portfolio_url},
                  {"location", c.location}};
  a["total_years_experience"] = resume.total_years_experience;
  a["summary"] = w.summary;
  a["interview_questions"] = json::array();
  for (const auto& q : w.interview_questions) {
    a["interview_questions"].push_back({{"question", q.question}, {"seeking", q.seeking}});
  }
  a["icebreaker"] = w.icebreaker;
  a["linkedin_outreach_draft"] = w.linkedin_outreach_draft;
  a["hidden_text"] = document.hidden_text;
  a["document_kind"] = document.kind;
  a["pages"] = document.pages;
  return a;
}

}  // namespace shortlist::jobs
