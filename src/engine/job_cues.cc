#include "engine/job_cues.h"

#include <algorithm>
#include <array>
#include <string>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

// Where `word` first stands as a whole word in `lower` at or after `from` (not the "eg" of
// "leg"), or npos.
size_t FindWord(std::string_view lower, std::string_view word, size_t from = 0) {
  for (size_t at = lower.find(word, from); at != std::string_view::npos;
       at = lower.find(word, at + word.size())) {
    const size_t end = at + word.size();
    const bool left = at == 0 || !IsAsciiAlpha(lower[at - 1]);
    const bool right = end >= lower.size() || !IsAsciiAlpha(lower[end]);
    if (left && right) return at;
  }
  return std::string_view::npos;
}

// The word that follows `end` (or precedes `begin`) across spaces: "" at either end of the
// text or at punctuation.
std::string_view WordAfter(std::string_view lower, size_t end) {
  size_t i = end;
  while (i < lower.size() && lower[i] == ' ') ++i;
  size_t j = i;
  while (j < lower.size() && IsAsciiAlpha(lower[j])) ++j;
  return lower.substr(i, j - i);
}

std::string_view WordBefore(std::string_view lower, size_t begin) {
  size_t j = begin;
  while (j > 0 && lower[j - 1] == ' ') --j;
  size_t i = j;
  while (i > 0 && IsAsciiAlpha(lower[i - 1])) --i;
  return lower.substr(i, j - i);
}

// "required" asks for something as a predicate ("Python is required", "required: 3 years",
// "required to travel", "required skills"), not as an adjective of the work ("to the required
// quality", "prepare required datasets for analytics").
bool PredicativeRequired(std::string_view lower, size_t at) {
  static constexpr std::array<std::string_view, 15> kAfter = {"to",
                                                              "for",
                                                              "in",
                                                              "by",
                                                              "and",
                                                              "or",
                                                              "of",
                                                              "as",
                                                              "on",
                                                              "skills",
                                                              "skill",
                                                              "experience",
                                                              "qualifications",
                                                              "certification",
                                                              ""};
  static constexpr std::array<std::string_view, 6> kBefore = {"", "is", "are", "be", "been", "not"};
  constexpr std::string_view kRequired = "required";
  const std::string_view after = WordAfter(lower, at + kRequired.size());
  const std::string_view before = WordBefore(lower, at);
  return std::find(kAfter.begin(), kAfter.end(), after) != kAfter.end() ||
         std::find(kBefore.begin(), kBefore.end(), before) != kBefore.end();
}

}  // namespace

size_t FindPhrase(std::string_view lower, std::string_view phrase, size_t from) {
  const bool prefix = phrase.ends_with('*');
  if (prefix) phrase.remove_suffix(1);
  for (size_t at = lower.find(phrase, from); at != std::string_view::npos;
       at = lower.find(phrase, at + 1)) {
    const size_t end = at + phrase.size();
    const bool left = at == 0 || !IsAsciiAlpha(lower[at - 1]);
    const bool right = prefix || end >= lower.size() || !IsAsciiAlpha(lower[end]);
    if (left && right) return at;
  }
  return std::string_view::npos;
}

bool ContainsWord(std::string_view lower, std::string_view word) {
  return FindWord(lower, word) != std::string_view::npos;
}

bool HasPreferredCue(std::string_view lower) {
  static constexpr std::array<std::string_view, 25> kCues = {
      "ideal world",   "nice to have", "nice-to-have", "bonus",          "a plus",
      "is a plus",     "preferred",    "desirable",    "ideally",        "advantage",
      "advantageous",  "optional",     "good to have", "pluses",         "familiarity",
      "familiar with", "preferably",   "desired",      "exposure to",    "is helpful",
      "are helpful",   "an asset",     "beneficial",   "would be great", "even better"};
  for (std::string_view c : kCues) {
    if (ContainsWord(lower, c)) return true;
  }
  return false;
}

bool AsksOfCandidate(std::string_view lower) {
  if (HasPreferredCue(lower) || HasRequiredCue(lower)) return true;
  static constexpr std::array<std::string_view, 40> kCues = {
      "you have",        "you've",           "you bring",     "you'll bring",     "you will bring",
      "you need",        "you'll need",      "you will need", "you should",       "you must",
      "experience with", "experience in",    "experience of", "experience using", "experienced",
      "years of",        "year of",          "knowledge of",  "knowledge in",     "proficient",
      "proficiency",     "understanding of", "ability to",    "able to",          "skills",
      "skilled",         "expertise",        "background in", "certified",        "certification",
      "certificate",     "licensed",         "license",       "licence",          "fluent",
      "fluency",         "track record",     "looking for",   "ideal candidate",  "hands-on"};
  for (std::string_view c : kCues) {
    if (ContainsWord(lower, c)) return true;
  }
  return lower.find("degree") != std::string_view::npos;
}

// ContainsWord for a requirement cue, but not in the adverbs "as required", "when necessary",
// "where required", "if necessary": "work with other teams as required" asks for nothing.
bool ContainsCue(std::string_view lower, std::string_view cue) {
  static constexpr std::array<std::string_view, 4> kAdverbial = {"as", "when", "where", "if"};
  for (size_t at = FindWord(lower, cue); at != std::string_view::npos;
       at = FindWord(lower, cue, at + cue.size())) {
    std::string_view before = Trim(lower.substr(0, at));
    bool adverbial = false;
    for (std::string_view a : kAdverbial) adverbial = adverbial || EndsWithWord(before, a);
    // "requirement(s) gathering", "requirements analysis" name a task, not a requirement.
    std::string_view after = lower.substr(at + cue.size());
    const bool task = after.starts_with(" gathering") || after.starts_with(" analysis") ||
                      after.starts_with(" elicitation") || after.starts_with(" definition");
    const bool adjective = cue == "required" && !PredicativeRequired(lower, at);
    if (!adverbial && !task && !adjective) return true;
  }
  return false;
}

bool HasRequiredCue(std::string_view lower) {
  static constexpr std::array<std::string_view, 10> kCues = {
      "must",      "required", "requires", "requirement", "mandatory",
      "essential", "need to",  "minimum",  "at least",    "necessary"};
  for (std::string_view c : kCues) {
    if (ContainsCue(lower, c)) return true;
  }
  return false;
}

}  // namespace shortlist::engine
