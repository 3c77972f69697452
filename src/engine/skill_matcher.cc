#include "engine/skill_matcher.h"

#include <algorithm>
#include <deque>

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
  {
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
    std::vector<int32_t> delta(delta_.size(), -1);
    std::vector<int32_t> output(count, -1);
    for (size_t old_id = 0; old_id < count; ++old_id) {
      int32_t id = new_id[old_id];
      output[id] = output_[old_id];
      for (uint32_t c = 0; c < k; ++c) {
        int32_t next = delta_[old_id * k + c];
        delta[static_cast<size_t>(id) * k + c] = next < 0 ? -1 : new_id[next];
      }
    }
    delta_.swap(delta);
    output_.swap(output);
  }
  // Breadth-first: failure links, dictionary links, and the DFA's missing edges.
  const size_t n = output_.size();
  std::vector<int32_t> fail(n, 0);
  dict_link_.assign(n, -1);
  std::deque<int32_t> queue;
  for (uint32_t c = 0; c < k; ++c) {
    int32_t& next = delta_[c];
    if (next < 0) {
      next = 0;
    } else {
      fail[next] = 0;
      queue.push_back(next);
    }
  }
  while (!queue.empty()) {
    int32_t s = queue.front();
    queue.pop_front();
    int32_t f = fail[s];
    dict_link_[s] = output_[f] >= 0 ? f : dict_link_[f];
    for (uint32_t c = 0; c < k; ++c) {
      int32_t& next = delta_[static_cast<size_t>(s) * k + c];
      int32_t via_fail = delta_[static_cast<size_t>(f) * k + c];
      if (next < 0) {
        next = via_fail;
      } else {
        fail[next] = via_fail;
        queue.push_back(next);
      }
    }
  }
}

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
  const uint32_t k = class_count_;
  const int32_t* delta = delta_.data();
  int32_t state = 0;
  for (size_t i = 0; i < lower.size(); ++i) {
    state = delta[static_cast<size_t>(state) * k + byte_class_[static_cast<uint8_t>(lower[i])]];
    int32_t s = output_[state] >= 0 ? state : dict_link_[state];
    while (s > 0) {
      const Pattern& p = patterns_[output_[s]];
      size_t end = i + 1;
      size_t begin = end - p.length;
      if (Accept(text, lower, begin, end, p)) hits.push_back(SkillMatch{begin, end, p.skill});
      s = dict_link_[s];
    }
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

}  // namespace shortlist::engine
