// Finds every taxonomy skill mentioned in a text in one pass: all aliases (thousands) compiled into
// one trie automaton over case-folded byte classes (the goto function of Aho-Corasick, states
// numbered depth-first, stored compactly: dense rows for the few branching states, edge lists
// for the rest, so the whole automaton stays in cache), walked from every word start
// whose first word some alias begins with (a bit set of hashed first words says). Aliases only
// ever match at a word boundary, so Aho-Corasick's failure links are unnecessary: each walk stops
// at the first byte no alias continues with. Then word-boundary checks keep "C" out of "C++"/"C#",
// ".NET" out of "ASP.NET", "node" out of "node.js", and case checks apply to aliases the data marks
// case-sensitive ("=Go", "=R"). Overlapping hits resolve leftmost-longest. An alias marked
// list-item-only ("~Access") is kept only when it stands as an item of a list and its line also
// names the same or a related skill through an ordinary alias ("Word, Excel, Access"). A phrase
// the data marks as naming no skill ("in a timely fashion") wins like an alias and is dropped.
//
// Immutable after construction; Find() is const and thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
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
  // Same; case is folded by the matcher itself, so no lower-case copy is needed.
  void Find(std::string_view text, std::vector<SkillMatch>* out) const;

  size_t state_count() const { return output_.size(); }
  uint32_t class_count() const { return class_count_; }

 private:
  struct Pattern {
    std::string_view text;  // into the taxonomy's pattern (original case)
    uint32_t length = 0;
    SkillId skill = kNoSkill;
    bool case_sensitive = false;
    bool upper_only = false;  // 1-2 letter aliases ("HR", "ML") only count in capitals
    bool list_item_only = false;
  };
  // Construction, in order: a byte class per byte the aliases use, the bit set of their first
  // words, the trie over classes (dense rows), its states renumbered depth-first (returns the
  // renumbered dense table), and the compact form the walk reads.
  void AssignByteClasses(const Taxonomy& taxonomy);
  void MarkFirstWords(const Taxonomy& taxonomy);
  void AddPatterns(const Taxonomy& taxonomy);
  std::vector<int32_t> RenumberDepthFirst();
  void Compact(const std::vector<int32_t>& delta);

  bool Accept(std::string_view text, size_t begin, size_t end, const Pattern& p) const;
  // Drops the list-item-only matches out[at[k]] whose line names neither their skill nor a
  // related one through an ordinary alias; out[0, first) belongs to earlier texts.
  void KeepListItemsInContext(std::string_view text, size_t first, const std::vector<size_t>& at,
                              std::vector<SkillMatch>* out) const;
  // The child of `state` (whose node_ word is `node`) by byte class `cls`; 0 = none.
  int32_t Step(int32_t state, uint32_t node, uint8_t cls) const;

  // A state with more children than this keeps a dense row of the transition table.
  static constexpr uint32_t kMaxSparseEdges = 6;
  static constexpr uint32_t kKindMask = 0x7F;
  static constexpr uint32_t kDenseNode = 0x7F;
  static constexpr uint32_t kChainNode = 0x7E;
  // Set in a state's node_ word when an alias ends there: the walk reads output_ only then, so
  // each step touches one array, not two.
  static constexpr uint32_t kEndsAlias = 0x80;

  // Bit FirstWordKey(alias) set for every alias that starts with a letter or digit. A walk from
  // a word whose key's bit is clear cannot end in an alias (an alias's first word must be the
  // text's whole word there), so it is not started: two in three walks are skipped, with half the
  // trie steps.
  uint64_t first_words_[1024] = {};
  uint8_t byte_class_[256] = {};  // case-folded: 'A' and 'a' share a class
  uint32_t class_count_ = 1;
  int32_t root_next_[256] = {};  // the root's child for each byte, 0 = none
  std::vector<int32_t> delta_;   // dense transitions, only while building
  // Per state (numbered depth-first): (index << 8) | kEndsAlias? | n. n = kChainNode: the
  // state's one child is state + 1, reached by byte class `index`; n = kDenseNode: `index` is a
  // row of dense_ (class_count_ child states, 0 = none); else its n edges are
  // edges_[index, index + n).
  std::vector<uint32_t> node_;
  std::vector<int32_t> dense_;
  struct Edge {
    int32_t next;
    uint8_t cls;  // class and target side by side: one cache line per edge list
  };
  std::vector<Edge> edges_;
  std::vector<int32_t> output_;  // pattern ending at this state, or -1
  std::vector<Pattern> patterns_;
  // The related skills of the skills that have a list-item-only alias (few), for the context test.
  std::vector<std::pair<SkillId, std::vector<SkillId>>> list_item_context_;
};

}  // namespace shortlist::engine
