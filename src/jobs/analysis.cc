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
  a["related_skills"] = json::array();
  for (const auto& m : e.related_skills) {
    a["related_skills"].push_back({{"skill", m.skill},
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
  a["experience"] = json::array();
  for (const auto& x : resume.experience) {
    a["experience"].push_back(
        {{"title", x.title}, {"employer", x.employer}, {"years", x.years}, {"current", x.current}});
  }
  a["education"] = json::array();
  for (const auto& ed : resume.education) {
    a["education"].push_back({{"degree", ed.degree},
                              {"field", ed.field},
                              {"institution", ed.institution},
                              {"year", ed.year}});
  }
  a["skills"] = json::array();
  for (const auto& sk : resume.skills)
    a["skills"].push_back({{"skill", sk.skill}, {"years", sk.years}});
  a["hidden_text"] = document.hidden_text;
  a["document_kind"] = document.kind;
  a["pages"] = document.pages;
  return a;
}

namespace {

engine::GapSeverity ParseSeverity(const std::string& s) {
  if (s == "critical") return engine::GapSeverity::kCritical;
  if (s == "minor") return engine::GapSeverity::kMinor;
  return engine::GapSeverity::kModerate;
}

}  // namespace

StoredAnalysis ParseAnalysis(const json& a) {
  StoredAnalysis out;
  if (!a.is_object()) return out;
  engine::Evaluation& e = out.evaluation;
  e.score = a.value("score", 0);
  e.qualified = a.value("qualified", false);
  for (const auto& f : a.value("breakdown", json::array())) {
    e.breakdown.push_back({f.value("name", ""), f.value("value", 0.0), f.value("weight", 0.0),
                           f.value("points", 0.0), f.value("explanation", "")});
  }
  for (const auto& m : a.value("matched_skills", json::array())) {
    e.matched_skills.push_back({m.value("skill", ""), m.value("via", ""), m.value("credit", 1.0),
                                m.value("evidence", ""), m.value("years", 0.0)});
  }
  for (const auto& m : a.value("related_skills", json::array())) {
    e.related_skills.push_back({m.value("skill", ""), m.value("via", ""), m.value("credit", 0.0),
                                m.value("evidence", ""), m.value("years", 0.0)});
  }
  for (const auto& m : a.value("missing_skills", json::array())) {
    e.missing_skills.push_back(
        {m.value("skill", ""), m.value("required", true), ParseSeverity(m.value("severity", ""))});
  }
  e.experience_years_relevant = a.value("experience_years_relevant", 0.0);
  e.semantic_similarity = a.value("semantic_similarity", 0.0);
  e.strengths = a.value("strengths", std::vector<std::string>{});
  e.weaknesses = a.value("weaknesses", std::vector<std::string>{});
  e.flags = a.value("flags", std::vector<std::string>{});

  engine::ResumeProfile& p = out.profile;
  json c = a.value("contact", json::object());
  p.contact = {c.value("name", ""),         c.value("email", ""),      c.value("phone", ""),
               c.value("linkedin_url", ""), c.value("github_url", ""), c.value("portfolio_url", ""),
               c.value("location", "")};
  p.total_years_experience = a.value("total_years_experience", 0.0);
  for (const auto& x : a.value("experience", json::array())) {
    engine::ExperienceEntry entry;
    entry.title = x.value("title", "");
    entry.employer = x.value("employer", "");
    entry.years = x.value("years", 0.0);
    entry.current = x.value("current", false);
    p.experience.push_back(entry);
  }
  for (const auto& ed : a.value("education", json::array())) {
    engine::EducationEntry entry;
    entry.degree = ed.value("degree", "");
    entry.field = ed.value("field", "");
    entry.institution = ed.value("institution", "");
    entry.year = ed.value("year", 0);
    p.education.push_back(entry);
  }
  for (const auto& sk : a.value("skills", json::array())) {
    engine::SkillMention mention;
    mention.skill = sk.value("skill", "");
    mention.years = sk.value("years", 0.0);
    p.skills.push_back(mention);
  }
  return out;
}

}  // namespace shortlist::jobs
