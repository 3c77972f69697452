// The facts about one candidate against one job that the writers draw on (internal).
//
// Gathers, orders and cleans what the engine found so that every writer names the same things:
// the skills that matter most come first (required before preferred, direct before related,
// longer use first), employers are in recency order, and each skill is tied to the employer
// whose entry mentions it when one does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "generate/template_book.h"

namespace shortlist::generate {

struct SkillFact {
  std::string skill;
  std::string via;  // related skill that earned the credit; "" for a direct match
  bool required = true;
  double years = 0;      // years of use; 0 when unknown
  double min_years = 0;  // the job's minimum for this skill; 0 when none
  std::string employer;  // the most recent employer whose entry mentions the skill
  std::string evidence;  // the resume line behind it
};

struct GapFact {
  std::string skill;
  bool required = true;
  std::string severity;      // "critical", "moderate", "minor"
  std::string related_held;  // a related skill the candidate has (from the taxonomy), or ""
};

struct CandidateFacts {
  std::string first_name;    // "" when unknown
  std::string display_name;  // "" when unknown
  std::string job_title;     // "" when unknown
  int score = 0;
  std::vector<SkillFact> matched;      // most telling first
  std::vector<GapFact> missing;        // required first, then by severity
  std::vector<std::string> employers;  // most recent first, distinct
  std::string recent_title;            // title at the most recent employer
  double total_years = 0;
  double min_years = 0;
  std::vector<std::string> certifications;
  std::string top_degree;  // as written in the resume
  std::string top_institution;
  bool degree_short = false;               // job requires a degree level the resume does not show
  std::string degree_needed;               // "bachelor's", ... when degree_short
  std::vector<std::string> profile_flags;  // resume flags ("keyword_stuffing", ...)
  std::uint64_t seed = 0;                  // hash of the candidate and job: picks phrasings
};

// `engine` may be null; then related skills for gaps are not looked up.
CandidateFacts GatherFacts(const engine::Engine* engine, const engine::JobRequirements& job,
                           const engine::ResumeProfile& resume, const engine::Evaluation& eval);

std::string_view SeverityName(engine::GapSeverity severity);

// Variables every template may use: first_name, name, job_title, score, matched_list (direct
// matches), related_list ("Spring (via Java)"), skills / top_skill / second_skill (what the
// candidate has: the related skill for a related match), skills_employer, recent_employer,
// recent_title, employers, years_total, gap, ... (the full list is in data/generate/*.txt).
TemplateVars BaseVars(const CandidateFacts& facts);

}  // namespace shortlist::generate
