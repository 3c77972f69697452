// Finds every taxonomy skill mentioned in a text in one pass: an Aho-Corasick automaton over all
// aliases (compiled to a DFA on byte classes), then word-boundary checks that keep "C" out of
// "C++"/"C#", ".NET" out of "ASP.NET", "node" out of "node.js", and case checks for aliases the
// data marks case-sensitive ("=Go", "=R"). Overlapping hits resolve leftmost-longest.
//
// Immutable after construction; Find() is const and thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/taxonomy.h"

namespace shortlist::engine {

struct SkillMatch {
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  SkillId skill = kNoSkill;
};

class SkillMatcher {
 public:
  explicit SkillMatcher(const Taxonomy& taxonomy);

  // `text` is the original text and `lower` its AsciiLowerCopy (same length). Appends the
  // matches, ordered by position and not overlapping, to `out`.
  void Find(std::string_view text, std::string_view lower, std::vector<SkillMatch>* out) const;

  size_t state_count() const { return output_.size(); }
  uint32_t class_count() const { return class_count_; }

 private:
  struct Pattern {
    std::string_view text;  // into the taxonomy's pattern (original case)
    uint32_t length = 0;
    SkillId skill = kNoSkill;
    bool case_sensitive = false;
    bool upper_only = false;  // 1-2 letter aliases ("HR", "ML") only count in capitals
  };
  bool Accept(std::string_view text, std::string_view lower, size_t begin, size_t end,
              const Pattern& p) const;

  uint8_t byte_class_[256] = {};
  uint32_t class_count_ = 1;
  std::vector<int32_t> delta_;   // state * class_count_ + class -> next state
  std::vector<int32_t> output_;  // pattern ending at this state, or -1
  std::vector<int32_t> dict_link_;  // nearest suffix state with an output, or -1
  std::vector<Pattern> patterns_;
};

}  // namespace shortlist::engine
