// The words of a job description's sentence that say how much it asks for something ("must",
// "required", "a plus"), with the uses of those words that ask for nothing ("as required", "the
// required quality"). Section headings are job_sections.h's.
#pragma once

#include <array>
#include <string_view>

namespace shortlist::engine {

// Where `phrase` stands in the lower-case text `lower` at word boundaries, at or after `from`;
// a phrase ending in '*' is a word's beginning ("responsibilit*": "responsibilities"). npos when
// it does not.
size_t FindPhrase(std::string_view lower, std::string_view phrase, size_t from = 0);

// Whether any of `phrases` stands in `lower` (FindPhrase).
template <size_t N>
bool HasAnyPhrase(std::string_view lower, const std::array<std::string_view, N>& phrases) {
  for (std::string_view p : phrases) {
    if (FindPhrase(lower, p) != std::string_view::npos) return true;
  }
  return false;
}

// Whether `word` stands as a whole word in the lower-case text `lower`.
bool ContainsWord(std::string_view lower, std::string_view word);

// ContainsWord for a requirement cue, but not in the adverbs "as required", "when necessary",
// nor as the task "requirement gathering", nor "required" as an adjective ("to the required
// quality").
bool ContainsCue(std::string_view lower, std::string_view cue);

// Cue words of a sentence, in lower case: "nice to have", "a plus" ...; "must", "required",
// "at least" ... (the hard ones among those, "must", "mandatory", "required", the job analyzer
// asks ContainsCue for itself).
bool HasPreferredCue(std::string_view lower);
bool HasRequiredCue(std::string_view lower);

// Whether a sentence asks something of the candidate ("you have", "experience with", "3 years
// of", "knowledge of", "certified", "a plus"), as opposed to describing the work or the employer.
bool AsksOfCandidate(std::string_view lower);

}  // namespace shortlist::engine
