#include "engine/taxonomy.h"

#include <algorithm>
#include <utility>

#include "engine/embedded_data.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

SkillId Taxonomy::AddSkill(std::string_view name, std::string_view category, bool curated) {
  std::string key = AsciiLowerCopy(name);
  auto it = by_name_.find(key);
  if (it != by_name_.end()) return it->second;
  SkillId id = static_cast<SkillId>(skills_.size());
  skills_.push_back(Skill{std::string(name), std::string(category), {}, {}, curated});
  by_name_.emplace(std::move(key), id);
  return id;
}

Taxonomy::Taxonomy(const std::vector<std::string_view>& tsv_files) {
  // Relations name skills that may be defined later in the files, so resolve them after all
  // skills are known.
  std::vector<std::pair<SkillId, std::string_view>> pending_relations;
  std::vector<std::pair<SkillId, std::string_view>> pending_implications;
  bool curated = true;  // the first file is the curated one
  for (std::string_view file : tsv_files) {
    for (const Line& line : SplitLines(file)) {
      std::string_view text = line.text;
      if (text.empty() || text[0] == '#') continue;
      if (text[0] == '!') {  // a phrase that names no skill
        std::string phrase = AsciiLowerCopy(Trim(text.substr(1)));
        if (!phrase.empty()) patterns_.push_back(SkillPattern{phrase, kNoSkill, false, false});
        continue;
      }
      std::vector<std::string_view> cols = SplitOn(text, '\t');
      if (cols.size() < 2) continue;
      std::string_view name = Trim(cols[0]);
      if (name.empty()) continue;
      // A skill an earlier file defined keeps that file's category and relations; the aliases
      // a later file adds still count where no skill has claimed them yet (the public list's
      // "jdk" and "jvm" of the curated Java).
      bool existed = by_name_.count(AsciiLowerCopy(name)) > 0;
      SkillId id = AddSkill(name, Trim(cols[1]), curated);
      // Explicit aliases first, so a case-sensitive "=Go" claims "go" before the canonical name
      // would claim it case-insensitively.
      std::vector<std::string_view> aliases;
      if (cols.size() > 2) {
        for (std::string_view a : SplitOn(cols[2], '|')) aliases.push_back(a);
      }
      aliases.push_back(name);
      for (std::string_view raw : aliases) {
        std::string_view alias = Trim(raw);
        bool case_sensitive = false;
        bool list_item_only = false;
        if (!alias.empty() && (alias[0] == '=' || alias[0] == '~')) {
          case_sensitive = true;
          list_item_only = alias[0] == '~';
          alias.remove_prefix(1);
        }
        if (alias.empty()) continue;
        std::string lower = AsciiLowerCopy(alias);
        // A case-sensitive alias makes the lower-case form unavailable too ("=Go" means the
        // word "go" is not this skill), so it claims the key either way.
        if (!by_alias_.emplace(lower, id).second) continue;
        patterns_.push_back(SkillPattern{case_sensitive ? std::string(alias) : lower, id,
                                         case_sensitive, list_item_only});
      }
      if (!existed && cols.size() > 3) {
        for (std::string_view r : SplitOn(cols[3], '|')) {
          r = Trim(r);
          if (!r.empty() && r[0] == '>') {
            r = Trim(r.substr(1));
            if (!r.empty()) pending_implications.emplace_back(id, r);
          }
          if (!r.empty()) pending_relations.emplace_back(id, r);
        }
      }
    }
    curated = false;
  }
  for (const auto& [id, other_name] : pending_relations) {
    SkillId other = Find(other_name);
    if (other == kNoSkill || other == id) continue;
    auto add = [this](SkillId a, SkillId b) {
      auto& rel = skills_[a].related;
      if (std::find(rel.begin(), rel.end(), b) == rel.end()) rel.push_back(b);
    };
    add(id, other);
    add(other, id);  // relations are symmetric
  }
  for (const auto& [id, broader_name] : pending_implications) {
    SkillId broader = Find(broader_name);
    auto& implies = skills_[id].implies;
    if (broader != kNoSkill && broader != id &&
        std::find(implies.begin(), implies.end(), broader) == implies.end()) {
      implies.push_back(broader);
    }
  }
}

Taxonomy Taxonomy::FromEmbeddedData() {
  return Taxonomy({EmbeddedData("skills_curated.tsv"), EmbeddedData("skills_public.tsv"),
                   EmbeddedData("skills_trades.tsv")});
}

SkillId Taxonomy::Find(std::string_view name) const {
  std::string key = AsciiLowerCopy(Trim(name));
  auto it = by_name_.find(key);
  if (it != by_name_.end()) return it->second;
  auto at = by_alias_.find(key);
  if (at != by_alias_.end()) return at->second;
  return kNoSkill;
}

}  // namespace shortlist::engine
