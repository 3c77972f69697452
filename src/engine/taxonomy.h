// The skills taxonomy: canonical skills with a category, aliases and related skills, loaded from
// data/skills_curated.tsv (hand-written, wins on conflicts), data/skills_public.tsv (built by
// data/tools/build_skills.py from GitHub topics, Linguist, O*NET and ESCO) and
// data/skills_trades.tsv (data/tools/build_trades.py: O*NET tools, ESCO knowledge).
//
// Immutable after construction; all methods are const and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shortlist::engine {

using SkillId = int;
inline constexpr SkillId kNoSkill = -1;

struct Skill {
  std::string name;      // canonical
  std::string category;  // "language", "database", "finance", ...
  std::vector<SkillId> related;
  // Broader skills a mention of this one also is ("Spanish" is "Bilingual"; ">Bilingual" among
  // the related names in the data). Each is related too.
  std::vector<SkillId> implies;
  bool curated = false;  // from the hand-written list
};

// A surface form of a skill as the matcher looks for it.
struct SkillPattern {
  std::string text;  // lower-case unless case_sensitive
  // kNoSkill for a phrase that holds an alias but names no skill ("!timely fashion" in the data:
  // "in a timely fashion" is no fashion design); matched like an alias, then dropped.
  SkillId skill = kNoSkill;
  bool case_sensitive = false;  // "=Go" in the data: only "Go" matches, not "go"
  // "~Access" in the data: case-sensitive, and only an item of a list whose line also names a
  // skill related to this one ("Word, Excel, Access"; never "Access to records" or "Project X").
  bool list_item_only = false;
};

class Taxonomy {
 public:
  // Parses the TSV texts (see the data files' headers for the format). Malformed lines are
  // skipped; a later file never overrides a skill's category and relations or an alias an
  // earlier one defined, but adds the aliases of an earlier file's skill that nothing claimed.
  explicit Taxonomy(const std::vector<std::string_view>& tsv_files);

  // Builds from the data compiled into the library.
  static Taxonomy FromEmbeddedData();

  const Skill& skill(SkillId id) const { return skills_[id]; }
  size_t size() const { return skills_.size(); }
  const std::vector<SkillPattern>& patterns() const { return patterns_; }

  // The skill whose canonical name or alias is `name` (any case), or kNoSkill.
  SkillId Find(std::string_view name) const;

 private:
  SkillId AddSkill(std::string_view name, std::string_view category, bool curated);

  std::vector<Skill> skills_;
  std::vector<SkillPattern> patterns_;
  std::unordered_map<std::string, SkillId> by_name_;   // lower-case canonical names
  std::unordered_map<std::string, SkillId> by_alias_;  // lower-case aliases
};

}  // namespace shortlist::engine
