// The header lines of experience entries (experience.cc reads them): helpers that tell a
// title from an employer, a place, a grade, a duty or a wrapped sentence.
#pragma once

#include <string_view>
#include <vector>

#include "engine/dates.h"
#include "engine/engine_data.h"
#include "engine/experience.h"
#include "engine/sections.h"
#include "engine/text.h"

namespace shortlist::engine::headers {

// Words that mark an organisation rather than a job title ("Acme Corp", "State Bank").
bool LooksLikeEmployer(std::string_view s);
// Strips bullets, separators and location tails ("Company Name - City , State").
std::string_view CleanPart(std::string_view s);
// Splits on " at ", " | ", " - ", ", " and runs of 3+ spaces (layout columns).
std::vector<std::string_view> SplitParts(std::string_view s);
// Whether `part` names a job: one of its words is a title noun (data/title_words.tsv).
bool NamesAJob(std::string_view part, const EngineData* data);
// A part that runs a title into its employer ("Financial Accountant Company Name"): sets both.
bool SplitTitleFromEmployer(std::string_view part, const EngineData* data, std::string_view* title,
                            std::string_view* employer);
// A header line that places what it names, as an employer's line does ("Acme - Austin, TX").
bool PlacedByTheLine(std::string_view line);
// The part after the first that names a job ("Acme Corp, Austin TX, Payroll Clerk" -> 2), or 0.
size_t JobPart(const std::vector<std::string_view>& parts, const EngineData* data);
// A date range broken over three short lines ("December 2016" / "to" / "Current").
bool DateRangeOverThreeLines(const std::vector<Line>& lines, size_t i, DateRange* range);
// Whether a line can be a header at all (not too long, not a sentence).
bool UsableHeaderLine(std::string_view t);
// Whether line j is the last line of a wrapped sentence.
bool ContinuesASentence(const std::vector<Line>& lines, size_t j);
// A title candidate that is neither a grade nor a duty or a sentence naming no job.
bool PlausibleTitle(std::string_view title, const EngineData* data);
// The title and employer heading an experience section that has no dates; the first line's
// index, or SIZE_MAX.
size_t UndatedEntryHeader(const std::vector<Line>& lines, const std::vector<SectionKind>& kinds,
                          const std::vector<bool>& headings, const EngineData* data,
                          std::string_view* title, std::string_view* employer);

}  // namespace shortlist::engine::headers
