// The engine's immutable data, built once by Engine::Create() from the compiled-in data files and
// shared read-only by the analyzers and the scorer (so thread-safe without locks).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "engine/education.h"
#include "engine/esa.h"
#include "engine/sections.h"
#include "engine/skill_matcher.h"
#include "engine/taxonomy.h"

namespace shortlist::engine {

struct EngineData {
  EngineData();

  Taxonomy taxonomy;
  SkillMatcher matcher;
  SectionClassifier sections;
  DegreeLexicon degrees;
  std::unordered_map<std::string, std::string> seniority_words;  // "sr" -> "senior"
  std::unordered_set<std::string> title_words;                   // "accountant", "engineer", ...
  std::unordered_set<SkillId> generic_skills;                    // data/generic_skills.tsv
  // Weight of a job skill in the skills coverage: kGenericSkillWeight for the generic ones
  // (data/generic_skills.tsv), else its Specificity.
  static constexpr double kGenericSkillWeight = 0.35;
  double SkillWeight(SkillId id) const;
  // How much naming this skill says about the occupation, 0.2-1: the background IDF of the most
  // specific word of its name, scaled. "Microsoft Excel" and "Microsoft Outlook" are in the
  // tools of most occupations (IDF ~1.5: 0.25), "Epic Systems", "Irrigation" or "Accounting" in
  // few (1).
  double Specificity(SkillId id) const;
  std::unordered_set<uint64_t> skill_word_hashes;  // TokenHash of every token of every alias
  WordStats word_stats;                            // ESCO-derived IDF and concept vectors (esa.h)

  // "junior" < "mid" < "senior" < "lead" < "principal"; 0 for "".
  static int SeniorityRank(std::string_view seniority);
  // The seniority a title's words name ("Sr. Data Engineer" -> "senior"), or "".
  std::string SeniorityOfTitle(std::string_view title) const;
};

}  // namespace shortlist::engine
