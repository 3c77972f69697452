// Education entries (degree level and field, institution, graduation year) and certifications.
// Degree names come from data/degrees.tsv.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/engine.h"
#include "engine/sections.h"
#include "engine/text.h"

namespace shortlist::engine {

class DegreeLexicon {
 public:
  explicit DegreeLexicon(std::string_view tsv);

  // The highest degree named in `line` and where its name is, or kNone.
  DegreeLevel Find(std::string_view line, size_t* begin = nullptr, size_t* end = nullptr) const {
    return FindImpl(line, /*lowest=*/false, begin, end);
  }
  // The lowest degree named in `line` ("BS or MS" -> bachelor), or kNone.
  DegreeLevel FindLowest(std::string_view line, size_t* begin = nullptr,
                         size_t* end = nullptr) const {
    return FindImpl(line, /*lowest=*/true, begin, end);
  }

 private:
  DegreeLevel FindImpl(std::string_view line, bool lowest, size_t* begin, size_t* end) const;
  // Whether a word of `line` could start a degree name (most lines have none).
  bool MayNameADegree(std::string_view line) const;
  // Whether words[w] (with the next word, after an initial) starts a degree name.
  bool StartsADegreeName(std::string_view line, const std::vector<std::pair<size_t, size_t>>& words,
                         size_t w) const;

  std::unordered_map<std::string, DegreeLevel> names_;
  std::unordered_map<std::string, bool> first_words_;  // first word of each name
  // The first two letters (lower-case; 0 for a one-letter word) of each first word: rejects most
  // words of a line without building a string.
  std::vector<bool> first_bigrams_ = std::vector<bool>(1 << 16, false);
  static size_t Bigram(std::string_view word) {
    unsigned a = static_cast<unsigned char>(AsciiLower(word[0]));
    unsigned b = word.size() > 1 ? static_cast<unsigned char>(AsciiLower(word[1])) : 0;
    return (a << 8) | b;
  }
  size_t max_words_ = 1;
};

std::vector<EducationEntry> ExtractEducation(const DegreeLexicon& degrees,
                                             const std::vector<Line>& lines,
                                             const std::vector<SectionKind>& kinds,
                                             const std::vector<bool>& headings);

std::vector<std::string> ExtractCertifications(const std::vector<Line>& lines,
                                               const std::vector<SectionKind>& kinds,
                                               const std::vector<bool>& headings);

// "Computer Science" from "B.Sc. in Computer Science, 2015": the words after " in " / " of ".
std::string DegreeField(std::string_view line, size_t degree_end);

}  // namespace shortlist::engine
