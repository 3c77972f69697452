#include "generate/candidate_facts.h"

#include <algorithm>
#include <map>

#include "generate/text_util.h"

namespace shortlist::generate {
namespace {

int SeverityRank(engine::GapSeverity severity) {
  switch (severity) {
    case engine::GapSeverity::kCritical:
      return 0;
    case engine::GapSeverity::kModerate:
      return 1;
    case engine::GapSeverity::kMinor:
      return 2;
  }
  return 3;
}

std::string_view DegreeName(engine::DegreeLevel level) {
  switch (level) {
    case engine::DegreeLevel::kNone:
      return "";
    case engine::DegreeLevel::kHighSchool:
      return "high-school diploma";
    case engine::DegreeLevel::kAssociate:
      return "associate degree";
    case engine::DegreeLevel::kBachelor:
      return "bachelor's degree";
    case engine::DegreeLevel::kMaster:
      return "master's degree";
    case engine::DegreeLevel::kDoctorate:
      return "doctorate";
  }
  return "";
}

// Experience entries, most recent first: current ones, then by end date; undated ones keep
// their resume order after the dated ones (resumes are usually newest first anyway).
std::vector<const engine::ExperienceEntry*> ByRecency(const engine::ResumeProfile& resume) {
  std::vector<const engine::ExperienceEntry*> entries;
  for (const auto& entry : resume.experience) entries.push_back(&entry);
  auto key = [](const engine::ExperienceEntry* e) {
    if (e->current) return 1'000'000;
    if (e->end_year > 0) return e->end_year * 12 + e->end_month;
    if (e->start_year > 0) return e->start_year * 12 + e->start_month;
    return 0;
  };
  std::stable_sort(entries.begin(), entries.end(),
                   [&](const auto* a, const auto* b) { return key(a) > key(b); });
  return entries;
}

std::string EmployerFor(const std::vector<const engine::ExperienceEntry*>& entries,
                        const std::string& skill, const std::string& via,
                        const std::string& evidence) {
  for (const auto* entry : entries) {
    if (entry->employer.empty()) continue;
    if (ContainsTerm(entry->text, skill) || ContainsTerm(entry->title, skill) ||
        (!via.empty() && ContainsTerm(entry->text, via))) {
      return std::string(Trim(entry->employer));
    }
  }
  for (const auto* entry : entries) {
    if (!entry->employer.empty() && ContainsTerm(evidence, entry->employer)) {
      return std::string(Trim(entry->employer));
    }
  }
  return "";
}

double MentionYears(const engine::ResumeProfile& resume, const std::string& skill) {
  for (const auto& mention : resume.skills) {
    if (mention.skill == skill) return mention.years;
  }
  return 0;
}

bool HasSkill(const engine::ResumeProfile& resume, std::string_view skill) {
  for (const auto& mention : resume.skills) {
    if (ToLower(mention.skill) == ToLower(skill)) return true;
  }
  return false;
}

}  // namespace

std::string_view SeverityName(engine::GapSeverity severity) {
  switch (severity) {
    case engine::GapSeverity::kCritical:
      return "critical";
    case engine::GapSeverity::kModerate:
      return "moderate";
    case engine::GapSeverity::kMinor:
      return "minor";
  }
  return "moderate";
}

// The resume's skills that meet the job, required first, then named before related, then by
// credit and years.
std::vector<SkillFact> MatchedFacts(const engine::JobRequirements& job,
                                    const engine::ResumeProfile& resume,
                                    const engine::Evaluation& eval,
                                    const std::vector<const engine::ExperienceEntry*>& entries) {
  std::map<std::string, const engine::SkillRequirement*> requirement_of;
  for (const auto& requirement : job.skills) requirement_of[requirement.skill] = &requirement;
  struct Ranked {
    SkillFact fact;
    double credit;
  };
  std::vector<Ranked> ranked;
  // Skills the resume names, then those credited through a related skill (via set).
  std::vector<engine::MatchedSkill> shown = eval.matched_skills;
  shown.insert(shown.end(), eval.related_skills.begin(), eval.related_skills.end());
  for (const auto& match : shown) {
    if (Trim(match.skill).empty()) continue;
    SkillFact fact;
    fact.skill = match.skill;
    fact.via = match.via;
    auto it = requirement_of.find(match.skill);
    if (it != requirement_of.end()) {
      fact.required = it->second->importance == engine::Importance::kRequired;
      fact.min_years = it->second->min_years;
    }
    fact.years = match.years > 0
                     ? match.years
                     : MentionYears(resume, match.via.empty() ? match.skill : match.via);
    fact.evidence = std::string(Trim(match.evidence));
    fact.employer = EmployerFor(entries, match.skill, match.via, fact.evidence);
    ranked.push_back({std::move(fact), match.credit});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.fact.required != b.fact.required) return a.fact.required;
    if (a.fact.via.empty() != b.fact.via.empty()) return a.fact.via.empty();
    if (a.credit != b.credit) return a.credit > b.credit;
    return a.fact.years > b.fact.years;
  });
  std::vector<SkillFact> out;
  for (auto& r : ranked) out.push_back(std::move(r.fact));
  return out;
}

// The job's skills the resume lacks, required and severe first, each with a related skill the
// candidate holds when there is one.
std::vector<GapFact> GapFacts(const engine::Engine* engine, const engine::ResumeProfile& resume,
                              const engine::Evaluation& eval) {
  std::vector<std::pair<int, GapFact>> gaps;
  for (const auto& missing : eval.missing_skills) {
    if (Trim(missing.skill).empty()) continue;
    GapFact gap;
    gap.skill = missing.skill;
    gap.required = missing.required;
    gap.severity = std::string(SeverityName(missing.severity));
    if (engine != nullptr) {
      for (const std::string& related : engine->RelatedSkills(missing.skill)) {
        if (HasSkill(resume, related)) {
          gap.related_held = related;
          break;
        }
      }
    }
    int rank = (missing.required ? 0 : 10) + SeverityRank(missing.severity);
    gaps.emplace_back(rank, std::move(gap));
  }
  std::stable_sort(gaps.begin(), gaps.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<GapFact> out;
  for (auto& g : gaps) out.push_back(std::move(g.second));
  return out;
}

// Certifications, the highest degree, and whether it falls short of the job's.
void EducationFacts(const engine::JobRequirements& job, const engine::ResumeProfile& resume,
                    CandidateFacts* facts) {
  for (const auto& certification : resume.certifications) {
    if (!Trim(certification).empty()) facts->certifications.emplace_back(Trim(certification));
  }
  engine::DegreeLevel top = engine::DegreeLevel::kNone;
  for (const auto& education : resume.education) {
    if (education.level >= top) {
      top = education.level;
      facts->top_degree = std::string(Trim(education.degree));
      if (facts->top_degree.empty()) facts->top_degree = std::string(DegreeName(education.level));
      facts->top_institution = std::string(Trim(education.institution));
    }
  }
  if (job.degree_required && job.min_degree != engine::DegreeLevel::kNone && top < job.min_degree) {
    facts->degree_short = true;
    facts->degree_needed = std::string(DegreeName(job.min_degree));
  }
}

CandidateFacts GatherFacts(const engine::Engine* engine, const engine::JobRequirements& job,
                           const engine::ResumeProfile& resume, const engine::Evaluation& eval) {
  CandidateFacts facts;
  facts.first_name = FirstName(resume.contact.name);
  facts.display_name = DisplayName(resume.contact.name);
  facts.job_title = std::string(Trim(job.title));
  facts.score = std::clamp(eval.score, 0, 100);
  facts.total_years = resume.total_years_experience;
  facts.min_years = job.min_years_experience;
  facts.profile_flags = resume.flags;
  const auto entries = ByRecency(resume);
  for (const auto* entry : entries) {
    std::string employer(Trim(entry->employer));
    if (employer.empty()) continue;
    if (facts.employers.empty()) facts.recent_title = std::string(Trim(entry->title));
    if (std::find(facts.employers.begin(), facts.employers.end(), employer) ==
        facts.employers.end()) {
      facts.employers.push_back(employer);
    }
  }
  facts.matched = MatchedFacts(job, resume, eval, entries);
  facts.missing = GapFacts(engine, resume, eval);
  EducationFacts(job, resume, &facts);
  // Varies the wording per candidate, deterministically.
  std::string identity = facts.display_name + "|" + facts.job_title + "|" +
                         std::to_string(facts.score) + "|" + resume.contact.email;
  for (const auto& m : facts.matched) identity += "|" + m.skill;
  for (const auto& g : facts.missing) identity += "|-" + g.skill;
  for (const auto& e : facts.employers) identity += "|@" + e;
  facts.seed = Fnv1a(identity);
  return facts;
}

TemplateVars BaseVars(const CandidateFacts& facts) {
  TemplateVars vars;
  vars["first_name"] = facts.first_name;
  vars["name"] = facts.display_name;
  vars["job_title"] = facts.job_title;
  vars["score"] = std::to_string(facts.score);
  auto first_n = [](const std::vector<std::string>& v, std::size_t n) {
    return std::vector<std::string>(v.begin(), v.begin() + std::min(n, v.size()));
  };
  // {matched_list}: job skills matched directly; {related_list}: those credited through a related
  // skill, "Spring (via Java)". {skills} and {top_skill} name what the candidate actually has
  // (the related skill, not the job's, for a related match), so no text claims a skill the
  // resume lacks.
  std::vector<std::string> direct, related;
  struct Held {
    std::string name, employer;
    double years;
  };
  std::vector<Held> held;
  for (const auto& m : facts.matched) {
    (m.via.empty() ? direct : related)
        .push_back(m.via.empty() ? m.skill : m.skill + " (via " + m.via + ")");
    std::string name = m.via.empty() ? m.skill : m.via;
    bool seen = std::any_of(held.begin(), held.end(),
                            [&](const Held& h) { return ToLower(h.name) == ToLower(name); });
    if (!seen) held.push_back({name, m.employer, m.years});
  }
  vars["matched_list"] = JoinList(first_n(direct, 3));
  vars["related_list"] = JoinList(first_n(related, 2));
  vars["n_matched"] = facts.matched.empty() ? "" : std::to_string(facts.matched.size());
  std::vector<std::string> held_names;
  for (const Held& h : held) held_names.push_back(h.name);
  vars["skills"] = JoinList(first_n(held_names, 2));
  if (!held.empty()) {
    vars["top_skill"] = held[0].name;
    vars["top_skill_years"] = FormatYears(held[0].years);
    vars["top_skill_employer"] = held[0].employer;
    // Where the skills named by {skills} were used, when that is one employer for all of them,
    // so "Python and FastAPI at Acme Corp" is only written when both were used there.
    std::string shared = held[0].employer;
    if (held.size() > 1 && held[1].employer != shared) shared.clear();
    vars["skills_employer"] = shared;
  }
  if (held.size() > 1) vars["second_skill"] = held[1].name;
  if (!facts.employers.empty()) vars["recent_employer"] = facts.employers.front();
  vars["recent_title"] = facts.recent_title;
  vars["employers"] = JoinList(first_n(facts.employers, 3));
  if (facts.employers.size() > 1) {
    vars["other_employers"] = JoinList(std::vector<std::string>(
        facts.employers.begin() + 1,
        facts.employers.begin() + std::min<std::size_t>(3, facts.employers.size())));
  }
  vars["years_total"] = FormatYears(facts.total_years);
  vars["min_years"] = FormatMinYears(facts.min_years);
  if (!facts.missing.empty()) {
    const GapFact& gap = facts.missing.front();
    vars["gap"] = gap.skill;
    vars["gap_severity"] = gap.severity;
    vars["gap_kind"] = gap.required ? "required" : "preferred";
    vars["gap_related"] = gap.related_held;
  }
  if (!facts.certifications.empty()) vars["certification"] = facts.certifications.front();
  vars["degree"] = facts.top_degree;
  vars["institution"] = facts.top_institution;
  return vars;
}

}  // namespace shortlist::generate
