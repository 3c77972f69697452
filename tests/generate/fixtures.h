// Hand-built engine structs and a fake Engine for the generate tests.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace shortlist::generate::testing {

// An Engine whose only real behaviour is RelatedSkills, from a table the test fills in. The
// analysis methods are not used by the generate module and return empty values.
class FakeEngine : public engine::Engine {
 public:
  std::map<std::string, std::vector<std::string>> related;

  engine::JobRequirements AnalyzeJob(std::string_view, std::string_view) const override {
    return {};
  }
  engine::ResumeProfile AnalyzeResume(std::string_view) const override { return {}; }
  engine::Evaluation Evaluate(const engine::JobRequirements&, const engine::ResumeProfile&,
                              const engine::ScoringOptions&) const override {
    return {};
  }
  std::vector<std::string> RelatedSkills(std::string_view skill) const override {
    auto it = related.find(std::string(skill));
    return it == related.end() ? std::vector<std::string>{} : it->second;
  }
};

inline FakeEngine MakeFakeEngine() {
  FakeEngine engine;
  engine.related["Docker"] = {"Kubernetes", "Podman"};
  engine.related["PostgreSQL"] = {"MySQL", "SQLite"};
  engine.related["Kubernetes"] = {"Docker", "OpenShift"};
  return engine;
}

inline engine::SkillRequirement Requirement(std::string skill, engine::Importance importance,
                                            double min_years = 0) {
  engine::SkillRequirement r;
  r.skill = std::move(skill);
  r.importance = importance;
  r.min_years = min_years;
  return r;
}

// "Senior Backend Engineer": Python (5+ years), FastAPI, Docker required; PostgreSQL and
// Kubernetes preferred; 5+ years overall.
inline engine::JobRequirements BackendJob() {
  engine::JobRequirements job;
  job.title = "Senior Backend Engineer";
  job.seniority = "senior";
  job.min_years_experience = 5;
  job.skills = {Requirement("Python", engine::Importance::kRequired, 5),
                Requirement("FastAPI", engine::Importance::kRequired),
                Requirement("Docker", engine::Importance::kRequired),
                Requirement("PostgreSQL", engine::Importance::kPreferred),
                Requirement("Kubernetes", engine::Importance::kPreferred)};
  return job;
}

inline engine::ExperienceEntry Job(std::string title, std::string employer, int start, int end,
                                   std::string text) {
  engine::ExperienceEntry e;
  e.title = std::move(title);
  e.employer = std::move(employer);
  e.start_year = start;
  e.end_year = end;
  e.current = end == 0;
  e.years = (end == 0 ? 2026 : end) - start;
  e.text = std::move(text);
  return e;
}

inline engine::SkillMention Mention(std::string skill, double years) {
  engine::SkillMention m;
  m.skill = std::move(skill);
  m.years = years;
  return m;
}

// Jane Doe: Python and FastAPI at Acme Corp, PostgreSQL at Globex, Podman; no Docker.
inline engine::ResumeProfile JaneProfile() {
  engine::ResumeProfile p;
  p.contact.name = "Jane Doe";
  p.contact.email = "jane@example.com";
  p.experience = {
      Job("Senior Software Engineer", "Acme Corp", 2021, 0,
          "Built Python and FastAPI services handling 2M requests a day; ran them on Podman."),
      Job("Software Developer", "Globex", 2017, 2021,
          "Wrote reporting jobs against PostgreSQL; tuned slow queries."),
  };
  p.skills = {Mention("Python", 6.5), Mention("FastAPI", 4), Mention("PostgreSQL", 4),
              Mention("Podman", 2)};
  p.total_years_experience = 9;
  engine::EducationEntry degree;
  degree.level = engine::DegreeLevel::kBachelor;
  degree.degree = "B.Sc. Computer Science";
  degree.institution = "University of Leeds";
  p.education = {degree};
  p.certifications = {"AWS Certified Developer"};
  return p;
}

inline engine::MatchedSkill Matched(std::string skill, double years, std::string evidence,
                                    std::string via = "", double credit = 1) {
  engine::MatchedSkill m;
  m.skill = std::move(skill);
  m.years = years;
  m.evidence = std::move(evidence);
  m.via = std::move(via);
  m.credit = credit;
  return m;
}

inline engine::MissingSkill Missing(std::string skill, bool required,
                                    engine::GapSeverity severity) {
  engine::MissingSkill m;
  m.skill = std::move(skill);
  m.required = required;
  m.severity = severity;
  return m;
}

inline engine::Evaluation JaneEvaluation() {
  engine::Evaluation e;
  e.score = 82;
  e.qualified = true;
  e.matched_skills = {
      Matched("PostgreSQL", 4, "Wrote reporting jobs against PostgreSQL; tuned slow queries."),
      Matched("Python", 6.5, "Built Python and FastAPI services handling 2M requests a day"),
      Matched("FastAPI", 4, "Built Python and FastAPI services handling 2M requests a day"),
  };
  e.missing_skills = {Missing("Kubernetes", false, engine::GapSeverity::kMinor),
                      Missing("Docker", true, engine::GapSeverity::kCritical)};
  e.experience_years_relevant = 6.5;
  return e;
}

// Checks that a generated text has no unfilled or empty placeholder. Returns "" when clean, else
// what is wrong.
inline std::string PlaceholderProblem(const std::string& text) {
  for (const char* bad :
       {"{",       "}",     "[[",   "]]",     "[Name]", "Dear ,", "Hi ,", "Hey ,",
        "Hello ,", " ,",    " .",   "  ",     "()",     "\"\"",   ", ,",  "for the  role",
        "at .",    " at ,", "of .", "with .", "Hi !"}) {
    if (text.find(bad) != std::string::npos) return std::string("contains \"") + bad + "\"";
  }
  return "";
}

}  // namespace shortlist::generate::testing
