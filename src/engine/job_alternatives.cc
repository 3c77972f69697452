#include "engine/job_alternatives.h"

#include <algorithm>
#include <array>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

// Words that introduce examples: "languages such as Java, Python", "(e.g., SQL, MySQL)".
constexpr std::array<std::string_view, 7> kExampleCues = {"such as",   "e.g.",        "e.g", "eg",
                                                          "including", "for example", "like"};

// The text between matches k and k + 1, trimmed: ", ", "or", "/".
std::string_view Between(std::string_view lower, const std::vector<SkillMatch>& matches, size_t k) {
  return Trim(lower.substr(matches[k].end, matches[k + 1].begin - matches[k].end));
}

// Puts matches first..last into group g, and with them every match already in a group of
// theirs: the groups merge.
void JoinGroup(size_t first, size_t last, int g, std::vector<int>* alt) {
  for (size_t k = first; k <= last; ++k) {
    const int old = (*alt)[k];
    if (old != 0 && old != g) std::replace(alt->begin(), alt->end(), old, g);
    (*alt)[k] = g;
  }
}

// "languages such as Java, Python, Go, or similar", "(e.g., SQL, MySQL, MapReduce, Hadoop)",
// "consulting, compensation, sales operations or similar roles": a list of skills that a cue
// marks as examples is met by any one of them, so the whole run becomes one alternative group
// (merging groups already inside it). So are the skills after a choose-from cue ("one or more of
// the following: Java, Python, JavaScript, NodeJS"). A list without such a cue ("Python, SQL and
// Spark") is left alone: each of its skills is asked for.
void GroupExampleLists(std::string_view lower, const std::vector<SkillMatch>& matches,
                       std::vector<int>* alt, int* next_group) {
  // Whether only a list separator stands between matches k and k + 1 (", ", " or ", nothing as
  // in "sales operations", or an item that names no skill: ", mapreduce,").
  auto list_separator = [&](size_t k) {
    std::string_view b = Between(lower, matches, k);
    if (b.empty() || b == "," || b == "or" || b == ", or" || b == "/") return true;
    // ... or the rest of an item that is one: "strategy consulting, compensation".
    return b.back() == ',' && b.find_first_of(".;:") == b.npos &&
           CountWords(b) <= (b.front() == ',' ? 3 : 2);
  };
  auto strip = [](std::string_view t, std::string_view chars) {
    while (!t.empty() && chars.find(t.back()) != std::string_view::npos) t.remove_suffix(1);
    while (!t.empty() && chars.find(t.front()) != std::string_view::npos) t.remove_prefix(1);
    return t;
  };
  static constexpr std::array<std::string_view, 6> kAfter = {
      "or similar", "or other", "or equivalent", "or related", "or comparable", "etc"};
  static constexpr std::array<std::string_view, 6> kChooseFrom = {
      "one or more of", "two or more of",       "at least one of",
      "any one of",     "one of the following", "any of the following"};
  size_t choose_from_end = std::string_view::npos;
  for (std::string_view c : kChooseFrom) {
    const size_t at = lower.find(c);
    if (at != std::string_view::npos) choose_from_end = std::min(choose_from_end, at + c.size());
  }
  for (size_t s = 0; s < matches.size();) {
    size_t e = s;
    while (e + 1 < matches.size() && list_separator(e)) ++e;
    if (e > s) {
      std::string_view before = strip(lower.substr(0, matches[s].begin), " ,(:");
      std::string_view after = strip(lower.substr(matches[e].end), " ,");
      bool cue = false;
      for (std::string_view c : kExampleCues) cue = cue || EndsWithWord(before, c);
      for (std::string_view c : kAfter) cue = cue || after.starts_with(c);
      if (cue) JoinGroup(s, e, (*next_group)++, alt);
    }
    s = e + 1;
  }
  // After a choose-from cue every skill up to the end of the sentence (a ";", or a full stop
  // that ends no abbreviation such as "e.g.") is one of the choices, whatever the items between
  // them: "in one or more of the following fields: Product Data Management, New Product
  // Introduction (NPI), Manufacturing Operations".
  if (choose_from_end == std::string_view::npos) return;
  size_t list_end = std::min(lower.find(';', choose_from_end), lower.size());
  for (size_t stop = lower.find(". ", choose_from_end); stop < list_end;
       stop = lower.find(". ", stop + 1)) {
    std::string_view before = lower.substr(0, stop);
    const bool abbreviation = EndsWithWord(before, "etc") || EndsWithWord(before, "vs") ||
                              (stop >= 2 && before[stop - 2] == '.');  // "e.g", "i.e"
    if (!abbreviation) {
      list_end = stop;
      break;
    }
  }
  size_t first = matches.size();
  size_t last = 0;
  for (size_t k = 0; k < matches.size(); ++k) {
    if (matches[k].begin < choose_from_end || matches[k].end > list_end) continue;
    first = std::min(first, k);
    last = k;
  }
  if (first < last) JoinGroup(first, last, (*next_group)++, alt);
}

// "2+ years of sales experience (B2B, retail or inside sales)", "CRM (Salesforce)": skills in
// parentheses right after a skill name kinds or examples of it, so any one of them meets what
// the line asks. They join that skill's alternative group (and its one knockout), instead of
// each becoming a requirement of its own -- a salesman of 8 years failed "2+ years of Retail".
// Without such a skill, a parenthesis of examples is one group too: "one or more cloud
// platforms (AWS, Azure, GCP)", "(e.g., object-oriented JavaScript, HTML, CSS)".
void GroupParentheticals(std::string_view lower, const std::vector<SkillMatch>& matches,
                         std::vector<int>* alt, int* next_group) {
  for (size_t open = lower.find('('); open != std::string_view::npos;
       open = lower.find('(', open + 1)) {
    size_t close = std::min(lower.find(')', open), lower.size());
    size_t head = matches.size();  // the last skill named before the parenthesis
    size_t inside_first = matches.size();
    size_t inside_last = 0;
    for (size_t k = 0; k < matches.size(); ++k) {
      if (matches[k].end <= open) head = k;
      if (matches[k].begin > open && matches[k].end <= close) {
        inside_first = std::min(inside_first, k);
        inside_last = k;
      }
    }
    if (inside_first == matches.size()) continue;
    // The head skill stands at the parenthesis, but for a word such as "experience" or "tools".
    if (head != matches.size()) {
      std::string_view between = Trim(lower.substr(matches[head].end, open - matches[head].end));
      if (CountWords(between) > 1 || between.find_first_of(",.;:()") != std::string_view::npos) {
        head = matches.size();
      }
    }
    if (head == matches.size()) {
      if (inside_last == inside_first) continue;  // one skill: no alternatives
      std::string_view inner = Trim(lower.substr(open + 1, close - open - 1));
      bool examples = false;
      for (std::string_view c : kExampleCues) examples = examples || StartsWithWord(inner, c);
      std::string_view before = lower.substr(0, open);
      examples = examples || before.find("one or more") != std::string_view::npos ||
                 before.find("at least one") != std::string_view::npos;
      if (!examples) continue;
    }
    const int g = head == matches.size() ? (*next_group)++
                  : (*alt)[head] != 0    ? (*alt)[head]
                                         : (*next_group)++;
    if (head != matches.size()) (*alt)[head] = g;
    JoinGroup(inside_first, inside_last, g, alt);
  }
}

// "2+ years in fine arts, performing arts or arts education": a comma list that ends in "or"
// and an alternative naming no skill of ours is still a list of alternatives -- any one of them
// meets it -- not a list of skills each asked for.
void GroupListsEndingInAnAlternative(std::string_view lower, const std::vector<SkillMatch>& matches,
                                     std::vector<int>* alt, int* next_group) {
  for (size_t k = 1; k < matches.size(); ++k) {
    const size_t limit = k + 1 < matches.size() ? matches[k + 1].begin : lower.size();
    std::string_view after = Trim(lower.substr(matches[k].end, limit - matches[k].end));
    if (after.starts_with(',')) after.remove_prefix(1);  // "A, B, or C"
    const size_t stop = after.find_first_of(",.;:()");
    // The next skill comes after the alternative: "..., or arts education; SQL".
    if (stop == std::string_view::npos && limit != lower.size()) continue;
    std::string_view last = Trim(after.substr(0, stop));
    if (!StartsWithWord(last, "or")) continue;
    last = Trim(last.substr(2));
    if (last.empty() || CountWords(last) > 4) continue;
    size_t first = k;
    while (first > 0 && Between(lower, matches, first - 1) == ",") --first;
    if (first == k) continue;
    JoinGroup(first, k, (*alt)[k] != 0 ? (*alt)[k] : (*next_group)++, alt);
  }
}

}  // namespace

std::vector<int> AlternativeGroups(std::string_view lower, const std::vector<SkillMatch>& matches,
                                   int* next_group) {
  std::vector<int> alt(matches.size(), 0);
  // "Python or Go", "AWS, GCP or Azure", "MySQL/PostgreSQL": consecutive skills joined by
  // "or" (or a slash) are alternatives; a comma run ending in "or" joins the whole run.
  for (size_t k = 0; k + 1 < matches.size(); ++k) {
    std::string_view between = Between(lower, matches, k);
    // ... or a list item ending where the alternative begins: "... in an HR-related field,
    // and/or recruiting experience".
    const bool ends_or = between.size() <= 40 && between.find_first_of(".;") == between.npos &&
                         (between.ends_with(" or") || between.ends_with("and/or"));
    bool joins = between == "or" || between == "/" || between == ", or" || between == "or a" ||
                 between == "or an" || ends_or;
    if (!joins) continue;
    int g = alt[k] ? alt[k] : (*next_group)++;
    alt[k] = alt[k + 1] = g;
    // Extend backwards over a comma list: "AWS, GCP or Azure".
    for (size_t b = k; b > 0; --b) {
      if (Between(lower, matches, b - 1) != "," || alt[b - 1]) break;
      alt[b - 1] = g;
    }
  }
  GroupListsEndingInAnAlternative(lower, matches, &alt, next_group);
  GroupExampleLists(lower, matches, &alt, next_group);
  GroupParentheticals(lower, matches, &alt, next_group);
  return alt;
}

}  // namespace shortlist::engine
