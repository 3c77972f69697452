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
  // Weight of a job skill in the skills coverage: 1, or 0.35 for generic ones.
  double SkillWeight(SkillId id) const { return generic_skills.count(id) ? 0.35 : 1.0; }
  std::unordered_set<uint64_t> skill_word_hashes;  // TokenHash of every token of every alias
  WordStats word_stats;                            // ESCO-derived IDF and concept vectors (esa.h)

  // "junior" < "mid" < "senior" < "lead" < "principal"; 0 for "".
  static int SeniorityRank(std::string_view seniority);
  // The seniority a title's words name ("Sr. Data Engineer" -> "senior"), or "".
  std::string SeniorityOfTitle(std::string_view title) const;
};

}  // namespace shortlist::engine
