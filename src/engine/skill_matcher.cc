#include "engine/skill_matcher.h"

#include <algorithm>

#include "engine/text.h"

namespace shortlist::engine {

SkillMatcher::SkillMatcher(const Taxonomy& taxonomy) {
  // Byte classes: every byte that occurs in a (lower-cased) pattern gets its own class; all other
  // bytes share class 0, which can never continue a match.
  for (const SkillPattern& sp : taxonomy.patterns()) {
    for (char c : sp.text) {
      uint8_t b = static_cast<uint8_t>(AsciiLower(c));
      if (byte_class_[b] == 0) byte_class_[b] = static_cast<uint8_t>(class_count_++);
      if (class_count_ >= 255) break;
    }
  }
  const uint32_t k = class_count_;
  // Trie with dense rows; -1 = no edge yet.
  delta_.assign(k, -1);
  output_.push_back(-1);
  for (const SkillPattern& sp : taxonomy.patterns()) {
    int32_t state = 0;
    bool representable = true;
    for (char c : sp.text) {
      uint8_t cls = byte_class_[static_cast<uint8_t>(AsciiLower(c))];
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
    output_[state] = static_cast<int32_t>(patterns_.size());
    patterns_.push_back(p);
  }
  // Renumber states breadth-first, so the shallow states every word passes through sit together
  // at the front of the table (the deep ones are only visited inside a real match).
  const size_t count = output_.size();
  std::vector<int32_t> order;
  order.reserve(count);
  std::vector<int32_t> new_id(count, -1);
  order.push_back(0);
  new_id[0] = 0;
  for (size_t head = 0; head < order.size(); ++head) {
    int32_t s = order[head];
    for (uint32_t c = 0; c < k; ++c) {
      int32_t next = delta_[static_cast<size_t>(s) * k + c];
      if (next > 0 && new_id[next] < 0) {
        new_id[next] = static_cast<int32_t>(order.size());
        order.push_back(next);
      }
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
  if (count < 65536) {
    delta16_.assign(delta.begin(), delta.end());
    std::vector<int32_t>().swap(delta_);
  } else {
    delta_.swap(delta);
  }
}

namespace {

template <typename State>
inline int32_t Step(const State* delta, uint32_t k, int32_t state, uint8_t cls) {
  return static_cast<int32_t>(delta[static_cast<size_t>(state) * k + cls]);
}

}  // namespace

bool SkillMatcher::Accept(std::string_view text, std::string_view lower, size_t begin, size_t end,
                          const Pattern& p) const {
  const size_t n = lower.size();
  const char first = p.text.front();
  const char last = p.text.back();
  const char prev = begin > 0 ? lower[begin - 1] : ' ';
  const char next = end < n ? lower[end] : ' ';
  if (IsWordByte(first) && IsWordByte(prev)) return false;
  if (IsWordByte(last) && IsWordByte(next)) return false;
  if (first == '.' && IsAsciiAlnum(prev)) return false;
  // "c" in "c++"/"c#", "node" in "node.js", "net" in "asp.net", "js" in "foo.js".
  if (IsAsciiAlnum(last) && (next == '+' || next == '#')) return false;
  if (next == '.' && end + 1 < n && IsAsciiAlnum(lower[end + 1])) return false;
  if (prev == '.' && begin >= 2 && IsAsciiAlnum(lower[begin - 2])) return false;
  if (prev == '@') return false;  // e-mail domains
  if (p.length == 1) {
    // Initials and abbreviations: "R&D", "J. Smith", "C-level", "A's".
    if (next == '&' || next == '.' || next == '\'' || next == '-' || prev == '&' || prev == '-' ||
        prev == '\'' || prev == '.') {
      return false;
    }
  }
  if (p.case_sensitive) {
    return text.substr(begin, end - begin) == p.text;
  }
  if (p.upper_only) {
    for (size_t i = begin; i < end; ++i) {
      if (!IsAsciiUpper(text[i])) return false;
    }
  }
  return true;
}

void SkillMatcher::Find(std::string_view text, std::string_view lower,
                        std::vector<SkillMatch>* out) const {
  std::vector<SkillMatch> hits;
  if (delta16_.empty()) {
    Scan(delta_.data(), text, lower, &hits);
  } else {
    Scan(delta16_.data(), text, lower, &hits);
  }
  // Leftmost-longest, non-overlapping.
  std::sort(hits.begin(), hits.end(), [](const SkillMatch& a, const SkillMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  size_t covered = 0;
  for (const SkillMatch& m : hits) {
    if (m.begin < covered) continue;
    out->push_back(m);
    covered = m.end;
  }
}

template <typename State>
void SkillMatcher::Scan(const State* delta, std::string_view text, std::string_view lower,
                        std::vector<SkillMatch>* hits) const {
  // Every alias must start at a word boundary (Accept), so the trie is walked from each position
  // not preceded by a word byte, following goto edges only: no failure links are needed, and a
  // walk ends at the first byte no alias continues with (usually within a few bytes).
  const uint32_t k = class_count_;
  const size_t n = lower.size();
  const int32_t* output = output_.data();
  bool prev_word = false;
  for (size_t i = 0; i < n; ++i) {
    const char c = lower[i];
    const bool start = !prev_word;
    prev_word = IsWordByte(c);
    if (!start) continue;
    int32_t state = 0;
    for (size_t j = i; j < n; ++j) {
      uint8_t cls = byte_class_[static_cast<uint8_t>(lower[j])];
      if (cls == 0) break;
      state = Step(delta, k, state, cls);
      if (state == 0) break;
      if (output[state] >= 0) {
        const Pattern& p = patterns_[output[state]];
        if (Accept(text, lower, i, j + 1, p)) hits->push_back(SkillMatch{i, j + 1, p.skill});
      }
    }
  }
}

}  // namespace shortlist::engine
