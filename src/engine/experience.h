// Experience entries of a resume: each dated line ("Jan 2019 - Present") in the experience
// section starts an entry; its title and employer come from the same line or the lines around
// it; its text runs to the next entry.
#pragma once

#include <string_view>
#include <vector>

#include "engine/dates.h"
#include "engine/engine.h"
#include "engine/sections.h"
#include "engine/text.h"

namespace shortlist::engine {

struct ExperienceSpan {
  ExperienceEntry entry;
  size_t begin = 0;  // byte range of the entry in the text
  size_t end = 0;
  std::pair<MonthIndex, MonthIndex> months;  // [first, last)
};

// `reference` is the month an open range ("Present") ends at.
std::vector<ExperienceSpan> ExtractExperience(std::string_view text, const std::vector<Line>& lines,
                                              const std::vector<SectionKind>& kinds,
                                              const std::vector<bool>& headings,
                                              MonthIndex reference);

}  // namespace shortlist::engine
