// Finds every taxonomy skill mentioned in a text in one pass: all aliases (thousands) compiled into
// one trie automaton over byte classes (the goto function of Aho-Corasick, states numbered
// breadth-first, 16-bit transitions), walked from every word start. Aliases only ever match at a
// word boundary, so Aho-Corasick's failure links are unnecessary: each walk stops at the first
// byte no alias continues with. Then word-boundary checks keep "C" out of "C++"/"C#", ".NET" out
// of "ASP.NET", "node" out of "node.js", and case checks apply to aliases the data marks
// case-sensitive ("=Go", "=R"). Overlapping hits resolve leftmost-longest.
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
  template <typename State>
  void Scan(const State* delta, std::string_view text, std::string_view lower,
            std::vector<SkillMatch>* hits) const;

  uint8_t byte_class_[256] = {};
  uint32_t class_count_ = 1;
  // state * class_count_ + class -> child state, 0 = none. 16-bit when there are < 65536 states
  // (delta16_), else 32-bit (delta_); the other is empty.
  std::vector<int32_t> delta_;
  std::vector<uint16_t> delta16_;
  std::vector<int32_t> output_;  // pattern ending at this state, or -1
  std::vector<Pattern> patterns_;
};

}  // namespace shortlist::engine
