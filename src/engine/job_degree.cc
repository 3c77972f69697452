#include "engine/job_degree.h"

#include <algorithm>
#include <array>

#include "engine/job_cues.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

// Words that may sit between a degree and its field, or between fields: "Bachelor's or Master's
// degree in Computer Science, Statistics or a related field".
bool IsDegreeConnector(std::string_view w) {
  static constexpr std::array<std::string_view, 37> kWords = {
      "in",        "of",         "a",      "an",         "the",         "or",      "and",
      "related",   "field",      "fields", "discipline", "disciplines", "such",    "as",
      "e",         "g",          "eg",     "like",       "degree",      "degrees", "bachelor",
      "bachelors", "bachelor's", "master", "masters",    "master's",    "bs",      "ba",
      "ms",        "msc",        "bsc",    "phd",        "s",           "similar", "equivalent",
      "technical", "other"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// Whether the text between a degree and a field, or between two fields, continues the list of
// fields: connector words, and whole list items that name no skill ("in Anthropology, Human
// Factors, Psychology, HCI/" before "Computer Science"). The item that runs into the next field
// holds connectors only, and no item speaks of experience or skills ("Bachelor's degree in CS,
// experience with Python": Python is asked for, not studied).
bool ContinuesFieldList(std::string_view gap) {
  static constexpr std::array<std::string_view, 14> kNotAField = {
      "experience", "experienced", "with",        "knowledge",  "skills",      "skill",   "years",
      "year",       "using",       "proficiency", "proficient", "familiarity", "ability", "plus"};
  int item_words = 0;
  size_t i = 0;
  while (i < gap.size()) {
    if (gap[i] == ',' || gap[i] == '/' || gap[i] == '(' || gap[i] == ')') {
      item_words = 0;  // a separator ends the item
      ++i;
      continue;
    }
    if (!IsAsciiAlpha(gap[i]) && gap[i] != '\'') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < gap.size() && (IsAsciiAlpha(gap[i]) || gap[i] == '\'')) ++i;
    std::string_view w = gap.substr(start, i - start);
    if (w == "or" || w == "and") item_words = 0;  // "Quantitative Finance or other analytics"
    if (IsDegreeConnector(w)) continue;
    if (std::find(kNotAField.begin(), kNotAField.end(), w) != kNotAField.end()) return false;
    if (++item_words > 3) return false;
  }
  return item_words == 0;
}

// Marks the skill matches that name the field of the degree ending at `degree_end` ("Bachelor's
// degree in Computer Science"): the matches after it that continue its list of fields. Those are
// an education requirement, not skills.
std::vector<bool> DegreeFieldMatches(std::string_view lower, size_t degree_end,
                                     const std::vector<SkillMatch>& matches) {
  std::vector<bool> field(matches.size(), false);
  size_t cursor = degree_end;
  for (size_t k = 0; k < matches.size(); ++k) {
    if (matches[k].begin < cursor) continue;
    if (!ContinuesFieldList(lower.substr(cursor, matches[k].begin - cursor))) break;
    field[k] = true;
    cursor = matches[k].end;
  }
  return field;
}

}  // namespace

DegreeAsked ReadDegree(const EngineData& data, std::string_view sentence, std::string_view lower,
                       std::vector<SkillMatch>* matches) {
  DegreeAsked asked;
  const bool bare_degree = ContainsWord(lower, "degree") || ContainsWord(lower, "degrees");
  const bool mentions = bare_degree || ContainsWord(lower, "bachelor") ||
                        ContainsWord(lower, "master") || ContainsWord(lower, "phd") ||
                        ContainsWord(lower, "bs") || ContainsWord(lower, "ba") ||
                        ContainsWord(lower, "ms") || ContainsWord(lower, "diploma");
  if (!mentions) return asked;
  size_t begin = 0;
  asked.level = data.degrees.FindLowest(sentence, &begin, &asked.end);
  if (asked.level == DegreeLevel::kNone) {
    if (!bare_degree) return asked;
    asked.level = DegreeLevel::kBachelor;
    const size_t at = lower.find("degree");
    asked.end = at + (lower.substr(at).starts_with("degrees") ? 7 : 6);
  }
  // The field follows the last degree named ("Bachelor's or Master's degree in X").
  size_t last_degree_end = asked.end;
  for (size_t b = 0, e = 0;
       data.degrees.Find(sentence.substr(last_degree_end), &b, &e) != DegreeLevel::kNone;) {
    if (e == 0) break;
    last_degree_end += e;
  }
  const size_t word_degree = lower.find("degree", last_degree_end);
  if (word_degree != std::string_view::npos && word_degree < last_degree_end + 4) {
    last_degree_end = word_degree + 6;  // "Bachelor's degree in X": the field after "degree"
  }
  std::vector<bool> field = DegreeFieldMatches(lower, last_degree_end, *matches);
  size_t kept = 0;
  for (size_t k = 0; k < matches->size(); ++k) {
    if (!field[k]) (*matches)[kept++] = (*matches)[k];
  }
  matches->resize(kept);
  return asked;
}

}  // namespace shortlist::engine
