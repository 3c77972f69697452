#include "engine/job_context.h"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/job_cues.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

using Range = std::pair<size_t, size_t>;  // [begin, end) in the sentence

// The sentence's clauses: "Python is required, but no Java experience is needed" is two, and
// only the second is negated.
std::vector<Range> Clauses(std::string_view lower) {
  static constexpr std::array<std::string_view, 5> kJoints = {" but ", ", while ", ", although ",
                                                              ", whereas ", " however"};
  std::vector<size_t> cuts;
  for (std::string_view j : kJoints) {
    for (size_t at = lower.find(j); at != std::string_view::npos; at = lower.find(j, at + 1)) {
      cuts.push_back(at);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  std::vector<Range> out;
  size_t begin = 0;
  for (size_t c : cuts) {
    out.emplace_back(begin, c);
    begin = c;
  }
  out.emplace_back(begin, lower.size());
  return out;
}

// Hedges that keep a "not required" skill as a preference ("Go is not required but a plus").
constexpr std::array<std::string_view, 6> kStillWelcome = {"plus",    "bonus",     "nice",
                                                           "helpful", "preferred", "advantage*"};

// "No Java needed", "a degree is not required", "you will not manage the network"; but not a
// sentence that still welcomes the skill ("Go is not required but a plus").
bool Negated(std::string_view clause, std::string_view sentence) {
  static constexpr std::array<std::string_view, 17> kNegations = {
      "not required",    "not needed",    "not necessary", "not a requirement",
      "not expected",    "not mandatory", "not essential", "will not",
      "won't",           "do not need",   "don't need",    "does not require",
      "doesn't require", "need not",      "no need",       "never",
      "not responsible"};
  if (HasAnyPhrase(sentence, kStillWelcome)) return false;
  if (HasAnyPhrase(clause, kNegations)) return true;
  // "no [prior] experience with X [is] needed": a "no" with a need after it.
  const size_t no = FindPhrase(clause, "no");
  if (no == std::string_view::npos) return false;
  static constexpr std::array<std::string_view, 4> kNeeds = {"need*", "required", "necessary",
                                                             "expected"};
  return HasAnyPhrase(clause.substr(no), kNeeds);
}

// "runs on Kubernetes, owned by a separate team": what another team, a vendor or a partner
// looks after.
bool OwnedElsewhere(std::string_view clause) {
  static constexpr std::array<std::string_view, 7> kBy = {
      "owned by",   "managed by",  "maintained by", "run by",
      "handled by", "operated by", "supported by"};
  static constexpr std::array<std::string_view, 7> kOthers = {
      "team*", "department*", "group*", "vendor*", "partner*", "contractor*", "provider*"};
  for (std::string_view by : kBy) {
    const size_t at = FindPhrase(clause, by);
    if (at == std::string_view::npos) continue;
    // The owner is named within a few words.
    const std::string_view after = clause.substr(at + by.size(), 40);
    if (HasAnyPhrase(after, kOthers)) return true;
  }
  return FindPhrase(clause, "separate team") != std::string_view::npos ||
         FindPhrase(clause, "another team") != std::string_view::npos;
}

// Words that ask for an ability: a clause about the company's product that has one asks for
// experience with it ("experience with our stack: Go and Postgres").
constexpr std::array<std::string_view, 14> kAsksForAbility = {
    "experience",    "experienced", "knowledge", "familiar*",    "proficien*",
    "skill*",        "must",        "required",  "you have",     "you'll need",
    "you will need", "expert*",     "ability",   "understanding"};

// "our platform runs on AWS", "we build accounting software": the company's own products.
bool AboutTheCompanysProduct(std::string_view clause) {
  static constexpr std::array<std::string_view, 16> kProduct = {
      "our platform",       "our product*", "our stack",  "our software",
      "our app*",           "our website",  "our engine", "our system*",
      "our infrastructure", "our tools",    "runs on",    "built on",
      "is powered by",      "powers our",   "we build",   "we make"};
  return HasAnyPhrase(clause, kProduct) && !HasAnyPhrase(clause, kAsksForAbility);
}

// Matches inside a list of names before a unit noun, or in parentheses after it: "with Legal,
// Finance, Sales and Product teams", "alongside our sales and accounting teams", "business
// organizations (Finance, Supply Chain, HR)": the company's departments, not skills. A list in
// lower case counts when a determiner or preposition opens it ("our", "the", "with"), so
// "experience leading engineering teams" still asks for engineering.
std::vector<Range> DepartmentRuns(std::string_view sentence) {
  static constexpr std::array<std::string_view, 13> kUnits = {
      "team",      "teams",        "department",   "departments",   "function",
      "functions", "groups",       "organization", "organizations", "org",
      "orgs",      "counterparts", "colleagues"};
  static constexpr std::array<std::string_view, 9> kOpeners = {
      "our", "the", "with", "alongside", "other", "across", "partner", "between", "to"};
  std::vector<Range> runs;
  size_t i = 0;
  while (i < sentence.size()) {
    if (!IsAsciiAlpha(sentence[i])) {
      ++i;
      continue;
    }
    const size_t word_begin = i;
    while (i < sentence.size() && IsAsciiAlpha(sentence[i])) ++i;
    const std::string_view word = sentence.substr(word_begin, i - word_begin);
    if (std::find(kUnits.begin(), kUnits.end(), word) == kUnits.end()) continue;
    // Walk back over list items (capitalised names, or up to two lower-case words each) and
    // separators.
    size_t begin = word_begin;
    size_t j = word_begin;
    int names = 0;
    int lower_words_in_item = 0;
    bool opened = false;
    // A list of departments is short; the walk is bounded so that a long line of capitalised
    // words costs linear time.
    constexpr int kMaxWordsBack = 16;
    int words_back = 0;
    while (j > 0 && words_back++ < kMaxWordsBack) {
      size_t end = j;
      bool separator = false;
      while (end > 0 && (sentence[end - 1] == ' ' || sentence[end - 1] == ',' ||
                         sentence[end - 1] == '&' || sentence[end - 1] == '/')) {
        separator = separator || sentence[end - 1] != ' ';
        --end;
      }
      if (separator) lower_words_in_item = 0;
      size_t start = end;
      while (start > 0 && (IsAsciiAlpha(sentence[start - 1]) || sentence[start - 1] == '-')) {
        --start;
      }
      if (start == end) break;
      const std::string_view w = sentence.substr(start, end - start);
      if (w == "and" || w == "or") {
        lower_words_in_item = 0;
        j = start;
        continue;
      }
      std::string lw = AsciiLowerCopy(w);
      if (std::find(kOpeners.begin(), kOpeners.end(), lw) != kOpeners.end()) {
        opened = true;
        break;
      }
      if (!IsAsciiUpper(w[0]) && ++lower_words_in_item > 2) break;
      ++names;
      begin = start;
      j = start;
    }
    // A capitalised run stands by itself; a lower-case one needs its opener.
    const bool capitalised = names > 0 && IsAsciiUpper(sentence[begin]);
    if (names > 0 && (capitalised || opened)) runs.emplace_back(begin, word_begin);
    // ... or in parentheses after it.
    size_t open = i;
    while (open < sentence.size() && sentence[open] == ' ') ++open;
    if (open < sentence.size() && sentence[open] == '(') {
      // (Within a short reach: a parenthesis of names is short, and the scan stays linear.)
      constexpr size_t kMaxParenthesis = 200;
      const size_t close =
          std::min({sentence.find(')', open), sentence.size(), open + kMaxParenthesis});
      bool all_names = true;
      for (size_t k = open + 1; k < close && all_names; ++k) {
        const bool starts_word = IsAsciiAlpha(sentence[k]) && !IsAsciiAlpha(sentence[k - 1]);
        if (!starts_word || IsAsciiUpper(sentence[k])) continue;
        const std::string_view rest = sentence.substr(k, close - k);
        all_names = rest.starts_with("and ") || rest.starts_with("or ") || rest.starts_with("etc");
      }
      if (all_names) runs.emplace_back(open + 1, close);
    }
  }
  return runs;
}

// A spoken language named as an adjective, after an article or before an organisation's or a
// market's noun ("a Japanese trading company", "the German market", "Korean clients"), is a
// nationality, not a language to speak -- unless the sentence speaks of using a language.
bool SpeaksOfLanguage(std::string_view lower) {
  static constexpr std::array<std::string_view, 17> kUse = {
      "speak*",  "spoken",      "fluen*",    "language*",  "bilingual",     "multilingual",
      "written", "verbal",      "oral",      "native",     "proficien*",    "read*",
      "writ*",   "communicat*", "translat*", "interpret*", "conversational"};
  return HasAnyPhrase(lower, kUse);
}

bool NamesANationality(std::string_view lower, const SkillMatch& m) {
  static constexpr std::array<std::string_view, 4> kArticles = {"a", "an", "the", "our"};
  static constexpr std::array<std::string_view, 22> kNouns = {
      "company*",    "firm*",       "trading",    "group*",     "bank*",    "market*",
      "client*",     "customer*",   "owned",      "subsidiar*", "office*",  "brand*",
      "retail*",     "manufactur*", "government", "parent",     "partner*", "headquarter*",
      "corporation", "business*",   "shipping",   "logistics"};
  size_t j = m.begin;
  while (j > 0 && lower[j - 1] == ' ') --j;
  size_t i = j;
  while (i > 0 && IsAsciiAlpha(lower[i - 1])) --i;
  const std::string_view before = lower.substr(i, j - i);
  for (std::string_view a : kArticles) {
    if (before == a) return true;
  }
  size_t k = m.end;
  while (k < lower.size() && (lower[k] == ' ' || lower[k] == '-')) ++k;
  size_t e = k;
  while (e < lower.size() && IsAsciiAlpha(lower[e])) ++e;
  return HasAnyPhrase(lower.substr(k, e - k), kNouns);
}

}  // namespace

void DropContextSkills(const EngineData& data, std::string_view sentence, std::string_view lower,
                       std::vector<SkillMatch>* matches) {
  if (matches->empty()) return;
  std::vector<Range> dropped = DepartmentRuns(sentence);
  for (const Range& c : Clauses(lower)) {
    const std::string_view clause = lower.substr(c.first, c.second - c.first);
    if (Negated(clause, lower) || OwnedElsewhere(clause) || AboutTheCompanysProduct(clause)) {
      dropped.push_back(c);
    }
  }
  const SkillId bilingual = data.taxonomy.Find("Bilingual");
  const bool speaks = SpeaksOfLanguage(lower);
  std::erase_if(*matches, [&](const SkillMatch& m) {
    for (const auto& [b, e] : dropped) {
      if (m.begin >= b && m.end <= e) return true;
    }
    if (speaks || m.skill == kNoSkill) return false;
    const std::vector<SkillId>& implies = data.taxonomy.skill(m.skill).implies;
    return std::find(implies.begin(), implies.end(), bilingual) != implies.end() &&
           NamesANationality(lower, m);
  });
}

}  // namespace shortlist::engine
