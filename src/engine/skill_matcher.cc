#include "engine/skill_matcher.h"

#include <algorithm>
#include <cstring>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

// A 16-bit key of the run of ASCII letters and digits at p (case-folded): its length (up to 16)
// and its first 8 bytes. Reads 16 bytes; branch-free.
inline uint32_t FirstWordKeyOf16(const char* p) {
  const uint32_t length = static_cast<uint32_t>(__builtin_ctz(~AsciiAlnumMask(p, 16)));
  uint64_t head;
  std::memcpy(&head, p, 8);
  head |= 0x2020202020202020ULL;  // lower-cases letters; digits already have the bit
  if (length < 8) head &= (1ULL << (8 * length)) - 1;
  return static_cast<uint32_t>(((head ^ length) * 0x9E3779B97F4A7C15ULL) >> 48);
}

// The same key where fewer than 16 bytes may be left: the last 15 bytes of a text, and aliases.
inline uint32_t FirstWordKey(const char* p, size_t available) {
  if (available >= 16) return FirstWordKeyOf16(p);
  char padded[16];
  std::memset(padded, ' ', sizeof(padded));
  std::memcpy(padded, p, available);
  return FirstWordKeyOf16(padded);
}

}  // namespace

namespace {

// A hyphen and a space are one class: "ms-access" is "ms access", "front-end" "front end".
uint8_t Fold(char c) {
  const char l = AsciiLower(c);
  return static_cast<uint8_t>(l == '-' ? ' ' : l);
}

}  // namespace

SkillMatcher::SkillMatcher(const Taxonomy& taxonomy) {
  AssignByteClasses(taxonomy);
  MarkFirstWords(taxonomy);
  AddPatterns(taxonomy);
  const std::vector<int32_t> delta = RenumberDepthFirst();
  // The root's row by byte: most positions of a text start no alias, and this one lookup says so.
  for (int b = 0; b < 256; ++b) {
    const uint8_t cls = byte_class_[b];
    root_next_[b] = cls == 0 ? 0 : delta[cls];
  }
  Compact(delta);
}

void SkillMatcher::AssignByteClasses(const Taxonomy& taxonomy) {
  // Byte classes: every byte that occurs in a (lower-cased) pattern gets its own class; all other
  // bytes share class 0, which can never continue a match.
  // A hyphen and a space are one class: "ms-access" is "ms access", "front-end" "front end".
  for (const SkillPattern& sp : taxonomy.patterns()) {
    for (char c : sp.text) {
      uint8_t b = Fold(c);
      if (byte_class_[b] == 0) byte_class_[b] = static_cast<uint8_t>(class_count_++);
      if (class_count_ >= 255) break;
    }
  }
  // Upper-case letters share their lower-case letter's class, so the scan reads the original text
  // and needs no lower-cased copy.
  for (int c = 'A'; c <= 'Z'; ++c) byte_class_[c] = byte_class_[c + 32];
  byte_class_[static_cast<uint8_t>('-')] = byte_class_[static_cast<uint8_t>(' ')];
}

void SkillMatcher::MarkFirstWords(const Taxonomy& taxonomy) {
  for (const SkillPattern& sp : taxonomy.patterns()) {
    if (sp.text.empty() || !IsAsciiAlnum(sp.text.front())) continue;
    const uint32_t key = FirstWordKey(sp.text.data(), sp.text.size());
    first_words_[key >> 6] |= 1ULL << (key & 63);
  }
}

// The trie with dense rows (delta_, states x classes; -1 = no edge yet), its outputs and the
// patterns.
void SkillMatcher::AddPatterns(const Taxonomy& taxonomy) {
  const uint32_t k = class_count_;
  delta_.assign(k, -1);
  output_.push_back(-1);
  for (const SkillPattern& sp : taxonomy.patterns()) {
    int32_t state = 0;
    bool representable = true;
    for (char c : sp.text) {
      uint8_t cls = byte_class_[Fold(c)];
      if (cls == 0) {
        representable = false;
        break;
      }
      int32_t& next = delta_[static_cast<size_t>(state) * k + cls];
      if (next < 0) {
        next = static_cast<int32_t>(output_.size());
        output_.push_back(-1);
        delta_.resize(delta_.size() + k, -1);
      }
      state = delta_[static_cast<size_t>(state) * k + cls];
    }
    if (!representable || state == 0 || output_[state] >= 0) continue;
    Pattern p;
    p.text = sp.text;
    p.length = static_cast<uint32_t>(sp.text.size());
    p.skill = sp.skill;
    p.case_sensitive = sp.case_sensitive;
    p.upper_only = !sp.case_sensitive && sp.text.size() <= 2 &&
                   std::all_of(sp.text.begin(), sp.text.end(), IsAsciiAlpha);
    p.list_item_only = sp.list_item_only;
    if (p.list_item_only) {
      auto known = [&](const auto& e) { return e.first == sp.skill; };
      if (std::none_of(list_item_context_.begin(), list_item_context_.end(), known)) {
        list_item_context_.emplace_back(sp.skill, taxonomy.skill(sp.skill).related);
      }
    }
    output_[state] = static_cast<int32_t>(patterns_.size());
    patterns_.push_back(p);
  }
}

std::vector<int32_t> SkillMatcher::RenumberDepthFirst() {
  const uint32_t k = class_count_;
  // Renumber states depth-first (preorder, children in class order): a state's first child is
  // the next state, so the long single-child chains inside aliases need no stored target and are
  // read sequentially.
  const size_t count = output_.size();
  std::vector<int32_t> new_id(count, -1);
  int32_t next_id = 0;
  std::vector<int32_t> stack{0};
  while (!stack.empty()) {
    int32_t s = stack.back();
    stack.pop_back();
    new_id[s] = next_id++;
    for (uint32_t c = k; c-- > 0;) {  // reversed, so the smallest class is visited first
      int32_t child = delta_[static_cast<size_t>(s) * k + c];
      if (child > 0) stack.push_back(child);
    }
  }
  std::vector<int32_t> delta(delta_.size(), 0);
  std::vector<int32_t> output(count, -1);
  for (size_t old_id = 0; old_id < count; ++old_id) {
    int32_t id = new_id[old_id];
    output[id] = output_[old_id];
    for (uint32_t c = 0; c < k; ++c) {
      int32_t next = delta_[old_id * k + c];
      // 0 = no edge: the root is never a child.
      delta[static_cast<size_t>(id) * k + c] = next < 0 ? 0 : new_id[next];
    }
  }
  output_.swap(output);
  return delta;
}

void SkillMatcher::Compact(const std::vector<int32_t>& delta) {
  const uint32_t k = class_count_;
  const size_t count = output_.size();
  // Compact the dense table (states x classes, megabytes, a cache miss per step) into one that
  // fits in the L2 cache: the few states with many children keep a dense row, single-child states
  // (nearly all: deep inside an alias) store only their byte class, the rest list their edges.
  node_.assign(count, 0);
  for (size_t id = 0; id < count; ++id) {
    const int32_t* row = &delta[id * k];
    uint32_t children = 0;
    uint32_t only = 0;
    for (uint32_t c = 0; c < k; ++c) {
      if (row[c] == 0) continue;
      ++children;
      only = c;
    }
    if (children == 1 && row[only] == static_cast<int32_t>(id) + 1) {
      node_[id] = (only << 8) | kChainNode;
    } else if (children > kMaxSparseEdges) {
      node_[id] = (static_cast<uint32_t>(dense_.size() / k) << 8) | kDenseNode;
      dense_.insert(dense_.end(), row, row + k);
    } else {
      node_[id] = (static_cast<uint32_t>(edges_.size()) << 8) | children;
      for (uint32_t c = 0; c < k; ++c) {
        if (row[c] == 0) continue;
        edges_.push_back(Edge{row[c], static_cast<uint8_t>(c)});
      }
    }
    if (output_[id] >= 0) node_[id] |= kEndsAlias;
  }
  std::vector<int32_t>().swap(delta_);
}

namespace {

// True when text[begin, end) is a whole item of a list: between the line's start or a list
// separator (",", ";", "(", "/", "|", ":", a bullet) or a joining "and"/"or"/"&" before it, and
// the line's end, a separator or a joining word after it; a version number may follow ("Access
// 2010"). "Access to records", "Project Manager" and "Word of mouth" are not items.
bool StandsAsListItem(std::string_view text, size_t begin, size_t end) {
  auto is_separator = [](char c) {
    return c == ',' || c == ';' || c == '/' || c == '|' || c == '*' || c == '&' ||
           static_cast<unsigned char>(c) >= 0x80;  // a bullet or dash glyph
  };
  size_t i = begin;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  bool before = i == 0 || text[i - 1] == '\n' || is_separator(text[i - 1]) || text[i - 1] == '(' ||
                text[i - 1] == ':' || text[i - 1] == '-' || text.substr(0, i).ends_with(" and") ||
                text.substr(0, i).ends_with(" or");
  if (!before) return false;
  size_t j = end;
  const size_t n = text.size();
  auto skip_blanks = [&] {
    while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
  };
  skip_blanks();
  if (j < n && IsAsciiDigit(text[j])) {  // a version: "Access 2010", "Project 2013"
    while (j < n && (IsAsciiDigit(text[j]) || text[j] == '.')) ++j;
    skip_blanks();
  }
  if (j < n && (text[j] == '\r' || text[j] == '\n')) {
    // A line break without a separator may only wrap the item: "Project\nManagement" is one
    // item, "Project,\nSharePoint" and "Word\n\nExperience" are not.
    if (text[j] == '\r') ++j;
    if (j < n && text[j] == '\n') ++j;
    skip_blanks();
    return j >= n || !IsAsciiAlpha(text[j]);
  }
  if (j >= n || is_separator(text[j]) || text[j] == ')') return true;
  if (text[j] == '.') return j + 1 >= n || !IsAsciiAlnum(text[j + 1]);
  return text.substr(j).starts_with("and ") || text.substr(j).starts_with("or ");
}

// `seen` is `alias` in capitals ("ACCESS" of "Access").
bool IsCapitalsOf(std::string_view seen, std::string_view alias) {
  if (seen.size() != alias.size()) return false;
  for (size_t i = 0; i < seen.size(); ++i) {
    if (seen[i] != AsciiUpper(alias[i])) return false;
  }
  return true;
}

}  // namespace

inline int32_t SkillMatcher::Step(int32_t state, uint32_t node, uint8_t cls) const {
  const uint32_t at = node >> 8;
  const uint32_t children = node & kKindMask;
  if (children == kChainNode) return at == cls ? state + 1 : 0;
  if (children == kDenseNode) return dense_[static_cast<size_t>(at) * class_count_ + cls];
  for (uint32_t e = at; e < at + children; ++e) {
    if (edges_[e].cls == cls) return edges_[e].next;
  }
  return 0;
}

bool SkillMatcher::Accept(std::string_view text, size_t begin, size_t end, const Pattern& p) const {
  const size_t n = text.size();
  const char first = p.text.front();
  const char last = p.text.back();
  const char prev = begin > 0 ? AsciiLower(text[begin - 1]) : ' ';
  const char next = end < n ? AsciiLower(text[end]) : ' ';
  if (IsWordByte(first) && IsWordByte(prev)) return false;
  if (IsWordByte(last) && IsWordByte(next)) return false;
  if (first == '.' && IsAsciiAlnum(prev)) return false;
  // "c" in "c++"/"c#", "node" in "node.js", "net" in "asp.net", "js" in "foo.js".
  if (IsAsciiAlnum(last) && (next == '+' || next == '#')) return false;
  if (next == '.' && end + 1 < n && IsAsciiAlnum(text[end + 1])) return false;
  if (prev == '.' && begin >= 2 && IsAsciiAlnum(text[begin - 2])) return false;
  if (prev == '@') return false;  // e-mail domains
  if (p.length == 1) {
    // Initials and abbreviations: "R&D", "J. Smith", "C-level", "A's".
    if (next == '&' || next == '.' || next == '\'' || next == '-' || prev == '&' || prev == '-' ||
        prev == '\'' || prev == '.') {
      return false;
    }
  }
  if (p.case_sensitive) {
    std::string_view seen = text.substr(begin, end - begin);
    // A list in capitals ("MS OFFICE: WORD, EXCEL, ACCESS") has lost the case that tells the
    // product from the English word; its being a list item beside a related skill still tells.
    if (seen != p.text && !(p.list_item_only && IsCapitalsOf(seen, p.text))) return false;
    return !p.list_item_only || StandsAsListItem(text, begin, end);
  }
  if (p.upper_only) {
    for (size_t i = begin; i < end; ++i) {
      if (!IsAsciiUpper(text[i])) return false;
    }
  }
  return true;
}

void SkillMatcher::Find(std::string_view text, std::string_view /*lower*/,
                        std::vector<SkillMatch>* out) const {
  Find(text, out);
}

void SkillMatcher::Find(std::string_view text, std::vector<SkillMatch>* out) const {
  // Every alias must start at a word boundary (Accept), so the trie is walked from each position
  // not preceded by a word byte, following goto edges only: no failure links are needed, and a
  // walk ends at the first byte no alias continues with (usually within a few bytes). Walks start
  // in text order and each keeps only its longest accepted alias, so leftmost-longest resolution
  // needs no sort: a hit is kept when it starts at or after the end of the last one kept.
  const size_t n = text.size();
  const int32_t* output = output_.data();
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t covered = 0;
  const size_t first = out->size();  // `out` may hold an earlier text's matches
  std::vector<size_t> list_items;    // positions in `out` of list-item-only matches (rare)
  // A walk can start at each byte that follows a non-word byte: the clear bits of the word-byte
  // mask shifted by one (the previous block's last byte carries in). Visiting only those, 16
  // bytes at a time, saves a test and a hard-to-predict branch on every other byte.
  uint32_t prev_word = 0;
  for (size_t block = 0; block < n; block += 16) {
    const size_t len = std::min<size_t>(16, n - block);
    const uint32_t word = WordByteMask(text.data() + block, len);
    uint32_t starts = ~((word << 1) | prev_word) & ((1u << len) - 1);
    prev_word = (word >> (len - 1)) & 1;
    for (; starts != 0; starts &= starts - 1) {
      const size_t i = block + static_cast<size_t>(__builtin_ctz(starts));
      int32_t state = root_next_[bytes[i]];
      if (state == 0) continue;
      if (IsAsciiAlnum(text[i])) {
        const uint32_t key = FirstWordKey(text.data() + i, n - i);
        if (((first_words_[key >> 6] >> (key & 63)) & 1) == 0) continue;
      }
      SkillMatch best;  // best.skill stays kNoSkill for a phrase that names no skill
      bool found = false;
      bool best_list_item_only = false;
      for (size_t j = i;;) {
        const uint32_t node = node_[static_cast<size_t>(state)];
        // An alias ending in a word byte can only end at a word's end (Accept). Few states end
        // an alias, so that is tested first: the word-end test, whose outcome follows the text
        // and mispredicts, is then rarely reached.
        if ((node & kEndsAlias) != 0 && (j + 1 >= n || !IsWordByte(static_cast<char>(bytes[j])) ||
                                         !IsWordByte(static_cast<char>(bytes[j + 1])))) {
          const Pattern& p = patterns_[output[state]];
          if (Accept(text, i, j + 1, p)) {
            best = SkillMatch{i, j + 1, p.skill};
            found = true;
            best_list_item_only = p.list_item_only;
          }
        }
        if (++j >= n) break;
        uint8_t cls = byte_class_[bytes[j]];
        if (cls == 0) break;
        state = Step(state, node, cls);
        if (state == 0) break;
      }
      if (found && i >= covered) {
        // A phrase that names no skill still covers its words: "fashion" in "in a timely
        // fashion" starts no match of its own.
        if (best.skill != kNoSkill) {
          if (best_list_item_only) list_items.push_back(out->size());
          out->push_back(best);
        }
        covered = best.end;
      }
    }
  }
  if (!list_items.empty()) KeepListItemsInContext(text, first, list_items, out);
}

void SkillMatcher::KeepListItemsInContext(std::string_view text, size_t first,
                                          const std::vector<size_t>& at,
                                          std::vector<SkillMatch>* out) const {
  std::vector<bool> drop(out->size(), false);
  for (size_t k : at) drop[k] = true;  // until its line shows a context
  std::vector<bool> list_item = drop;
  for (size_t k : at) {
    const SkillMatch& m = (*out)[k];
    size_t line_begin = text.rfind('\n', m.begin);
    line_begin = line_begin == std::string_view::npos ? 0 : line_begin + 1;
    size_t line_end = text.find('\n', m.end);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::vector<SkillId>* related = nullptr;
    for (const auto& [skill, rel] : list_item_context_) {
      if (skill == m.skill) related = &rel;
    }
    // The matches are in text order: look at the neighbours on the same line.
    auto names_context = [&](size_t other) {
      const SkillMatch& o = (*out)[other];
      if (list_item[other]) return false;
      return o.skill == m.skill ||
             (related != nullptr &&
              std::find(related->begin(), related->end(), o.skill) != related->end());
    };
    for (size_t o = k; o-- > first && (*out)[o].begin >= line_begin;) {
      if (names_context(o)) drop[k] = false;
    }
    for (size_t o = k + 1; o < out->size() && (*out)[o].end <= line_end; ++o) {
      if (names_context(o)) drop[k] = false;
    }
  }
  size_t kept = first;
  for (size_t k = first; k < out->size(); ++k) {
    if (!drop[k]) (*out)[kept++] = (*out)[k];
  }
  out->resize(kept);
}

}  // namespace shortlist::engine
