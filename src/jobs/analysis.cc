#include "jobs/analysis.h"

#include <algorithm>
#include <set>

#include "common/json_parse.h"

namespace shortlist::jobs {

using nlohmann::json;

json BreakdownJson(const std::vector<engine::FeatureContribution>& breakdown) {
  json out = json::array();
  for (const auto& f : breakdown) {
    out.push_back({{"name", f.name},
                   {"value", f.value},
                   {"weight", f.weight},
                   {"points", f.points},
                   {"explanation", f.explanation}});
  }
  return out;
}

json MatchedSkillsJson(const std::vector<engine::MatchedSkill>& matched) {
  json out = json::array();
  for (const auto& m : matched) {
    out.push_back({{"skill", m.skill},
                   {"via", m.via},
                   {"credit", m.credit},
                   {"evidence", m.evidence},
                   {"years", m.years}});
  }
  return out;
}

json MissingSkillsJson(const std::vector<engine::MissingSkill>& missing) {
  json out = json::array();
  for (const auto& m : missing) {
    out.push_back({{"skill", m.skill},
                   {"required", m.required},
                   {"severity", std::string(engine::ToString(m.severity))}});
  }
  return out;
}

json QuestionsJson(const std::vector<generate::InterviewQuestion>& questions) {
  json out = json::array();
  for (const auto& q : questions) out.push_back({{"question", q.question}, {"seeking", q.seeking}});
  return out;
}

namespace {

json ProfileJson(const engine::ResumeProfile& resume, json a) {
  const auto& c = resume.contact;
  a["contact"] = {{"name", c.name},
                  {"email", c.email},
                  {"phone", c.phone},
                  {"linkedin_url", c.linkedin_url},
                  {"github_url", c.github_url},
                  {"portfolio_url", c.portfolio_url},
                  {"location", c.location}};
  a["total_years_experience"] = resume.total_years_experience;
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
  for (const auto& sk : resume.skills) {
    a["skills"].push_back({{"skill", sk.skill}, {"years", sk.years}});
  }
  return a;
}

engine::GapSeverity ParseSeverity(const std::string& s) {
  if (s == "critical") return engine::GapSeverity::kCritical;
  if (s == "minor") return engine::GapSeverity::kMinor;
  return engine::GapSeverity::kModerate;
}

void ReadEvaluation(const json& a, engine::Evaluation* e) {
  e->score = a.value("score", 0);
  e->qualified = a.value("qualified", false);
  for (const auto& f : a.value("breakdown", json::array())) {
    e->breakdown.push_back({f.value("name", ""), f.value("value", 0.0), f.value("weight", 0.0),
                            f.value("points", 0.0), f.value("explanation", "")});
  }
  for (const auto& m : a.value("matched_skills", json::array())) {
    e->matched_skills.push_back({m.value("skill", ""), m.value("via", ""), m.value("credit", 1.0),
                                 m.value("evidence", ""), m.value("years", 0.0)});
  }
  for (const auto& m : a.value("related_skills", json::array())) {
    e->related_skills.push_back({m.value("skill", ""), m.value("via", ""), m.value("credit", 0.0),
                                 m.value("evidence", ""), m.value("years", 0.0)});
  }
  for (const auto& m : a.value("missing_skills", json::array())) {
    e->missing_skills.push_back(
        {m.value("skill", ""), m.value("required", true), ParseSeverity(m.value("severity", ""))});
  }
  e->experience_years_relevant = a.value("experience_years_relevant", 0.0);
  e->semantic_similarity = a.value("semantic_similarity", 0.0);
  e->strengths = a.value("strengths", std::vector<std::string>{});
  e->weaknesses = a.value("weaknesses", std::vector<std::string>{});
  e->flags = a.value("flags", std::vector<std::string>{});
}

void ReadProfile(const json& a, engine::ResumeProfile* p) {
  json c = a.value("contact", json::object());
  p->contact = {c.value("name", ""),       c.value("email", ""),
                c.value("phone", ""),      c.value("linkedin_url", ""),
                c.value("github_url", ""), c.value("portfolio_url", ""),
                c.value("location", "")};
  p->total_years_experience = a.value("total_years_experience", 0.0);
  for (const auto& x : a.value("experience", json::array())) {
    engine::ExperienceEntry entry;
    entry.title = x.value("title", "");
    entry.employer = x.value("employer", "");
    entry.years = x.value("years", 0.0);
    entry.current = x.value("current", false);
    p->experience.push_back(entry);
  }
  for (const auto& ed : a.value("education", json::array())) {
    engine::EducationEntry entry;
    entry.degree = ed.value("degree", "");
    entry.field = ed.value("field", "");
    entry.institution = ed.value("institution", "");
    entry.year = ed.value("year", 0);
    p->education.push_back(entry);
  }
  for (const auto& sk : a.value("skills", json::array())) {
    engine::SkillMention mention;
    mention.skill = sk.value("skill", "");
    mention.years = sk.value("years", 0.0);
    p->skills.push_back(mention);
  }
}

void ReadWriteup(const json& a, generate::CandidateWriteup* w) {
  w->summary = a.value("summary", "");
  w->strengths = a.value("strengths", std::vector<std::string>{});
  w->weaknesses = a.value("weaknesses", std::vector<std::string>{});
  for (const auto& q : a.value("interview_questions", json::array())) {
    if (q.is_object())
      w->interview_questions.push_back({q.value("question", ""), q.value("seeking", "")});
  }
  w->icebreaker = a.value("icebreaker", "");
  w->linkedin_outreach_draft = a.value("linkedin_outreach_draft", "");
}

json TraitsJson(const CandidateTraits& t) {
  json occupations = json::array();
  for (const auto& o : t.occupations) {
    occupations.push_back({{"label", o.label}, {"weight", o.weight}});
  }
  return {{"occupations", std::move(occupations)},
          {"skill_families", t.skill_families},
          {"seniority", t.seniority},
          {"education_level", t.education_level}};
}

CandidateTraits ReadTraits(const json& a) {
  CandidateTraits t;
  json j = a.value("traits", json::object());
  if (!j.is_object()) return t;
  for (const auto& o : j.value("occupations", json::array())) {
    if (o.is_object()) t.occupations.push_back({o.value("label", ""), o.value("weight", 0.0)});
  }
  t.skill_families = j.value("skill_families", std::vector<std::string>{});
  t.seniority = j.value("seniority", "");
  t.education_level = j.value("education_level", "");
  return t;
}

}  // namespace

CandidateTraits TraitsOf(const engine::Engine& engine, const engine::ResumeProfile& profile) {
  // Three occupations: enough to say what kind of worker this is without reaching into the
  // tail of weak, incidental concepts.
  constexpr int kOccupations = 3;
  CandidateTraits t;
  t.occupations = engine.Occupations(profile, kOccupations);
  std::set<std::string> families;
  for (const auto& s : profile.skills) {
    if (!s.category.empty() && !s.only_in_education) families.insert(s.category);
  }
  t.skill_families.assign(families.begin(), families.end());
  t.seniority = engine.Seniority(profile);
  engine::DegreeLevel best = engine::DegreeLevel::kNone;
  for (const auto& e : profile.education) best = std::max(best, e.level);
  if (best != engine::DegreeLevel::kNone) t.education_level = std::string(engine::ToString(best));
  return t;
}

std::string SerializeAnalysis(const CandidateAnalysis& analysis) {
  const engine::Evaluation& e = analysis.evaluation;
  const generate::CandidateWriteup& w = analysis.writeup;
  json a;
  a["schema"] = kAnalysisSchema;
  a["score"] = e.score;
  a["qualified"] = e.qualified;
  a["breakdown"] = BreakdownJson(e.breakdown);
  a["matched_skills"] = MatchedSkillsJson(e.matched_skills);
  a["related_skills"] = MatchedSkillsJson(e.related_skills);
  a["missing_skills"] = MissingSkillsJson(e.missing_skills);
  a["experience_years_relevant"] = e.experience_years_relevant;
  a["semantic_similarity"] = e.semantic_similarity;
  a["strengths"] = w.strengths.empty() ? e.strengths : w.strengths;
  a["weaknesses"] = w.weaknesses.empty() ? e.weaknesses : w.weaknesses;
  a["flags"] = e.flags;
  a["summary"] = w.summary;
  a["interview_questions"] = QuestionsJson(w.interview_questions);
  a["icebreaker"] = w.icebreaker;
  a["linkedin_outreach_draft"] = w.linkedin_outreach_draft;
  a["hidden_text"] = analysis.document.hidden_text;
  a["document_kind"] = analysis.document.kind;
  a["pages"] = analysis.document.pages;
  a["traits"] = TraitsJson(analysis.traits);
  a = ProfileJson(analysis.profile, std::move(a));
  // Resume text can hold invalid UTF-8 (a file's bytes quoted as evidence): replaced, not thrown.
  return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<CandidateAnalysis> ParseAnalysis(std::string_view stored) {
  if (stored.empty()) return std::nullopt;
  json a = ParseJsonOrDiscarded(stored);
  if (!a.is_object() || a.empty()) return std::nullopt;
  CandidateAnalysis out;
  ReadEvaluation(a, &out.evaluation);
  ReadProfile(a, &out.profile);
  ReadWriteup(a, &out.writeup);
  out.document.kind = a.value("document_kind", "text");
  out.document.pages = a.value("pages", 1);
  out.document.hidden_text = a.value("hidden_text", false);
  out.traits = ReadTraits(a);
  return out;
}

}  // namespace shortlist::jobs
