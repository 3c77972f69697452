// Experience entries of a resume: each dated line ("Jan 2019 - Present") in the experience
// section starts an entry; its title and employer come from the same line or the lines around
// it; its text runs to the next entry.
#pragma once

#include <string_view>
#include <vector>

#include "engine/dates.h"
#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/sections.h"
#include "engine/text.h"

namespace shortlist::engine {

struct ExperienceSpan {
  ExperienceEntry entry;
  size_t begin = 0;  // byte range of the entry in the text
  size_t end = 0;
  std::pair<MonthIndex, MonthIndex> months;  // [first, last)
};

// `reference` is the month an open range ("Present") ends at. `data`, when given, lets
// PlausibleEmployer reject technology lists.
std::vector<ExperienceSpan> ExtractExperience(std::string_view text, const std::vector<Line>& lines,
                                              const std::vector<SectionKind>& kinds,
                                              const std::vector<bool>& headings,
                                              MonthIndex reference,
                                              const EngineData* data = nullptr);

// False for what cannot be an employer's name: fewer than two letters (".", "2014)"), a grade or
// score ("B+ Average", "CGPA 8.1"), a project detail ("Team Size 15", "Location: Pune",
// "Responsibilities"), or (with `data`) a list of technologies: two or more skill names and
// nothing else, led by a programming or query language ("SQL Oracle"). "Oracle", "Cisco", "SAP
// ABAP" or "Oracle Retail" stay possible employers: vendors name companies and their business
// units.
bool PlausibleEmployer(std::string_view name, const EngineData* data);

}  // namespace shortlist::engine
