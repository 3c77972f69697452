// Date ranges in resume lines ("Jan 2019 - Present", "2016-2018", "03/2020 - now",
// "November 2017 to Present") and the union of ranges, so overlapping jobs are never counted
// twice. No clock: an open range ("Present") ends at the reference month the caller passes.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace shortlist::engine {

// A month index: year * 12 + (month - 1).
using MonthIndex = int;
inline MonthIndex ToMonthIndex(int year, int month) { return year * 12 + (month - 1); }

struct DateRange {
  int start_year = 0;
  int start_month = 0;  // 0 when only the year is written
  int end_year = 0;     // 0 when open ("Present")
  int end_month = 0;
  bool current = false;
  size_t begin = 0;  // byte offsets of the range in the line
  size_t end = 0;
};

// The first date range in `line`, if any. A lone year is not a range; "2016-2018",
// "2016 - Present" and "Jan 2016 - Mar 2018" are.
bool FindDateRange(std::string_view line, DateRange* range);

// Every four-digit year (1950-2049) standing alone as a word in `text`.
std::vector<int> FindYears(std::string_view text);

// [first, last) month interval of a range; an open range ends at `reference` (exclusive of the
// month after it). A year-only start counts from January; a year-only end through December, but
// "2016-2018" counts as 2016-01 .. 2018-12 only when the years differ, else the one year.
std::pair<MonthIndex, MonthIndex> RangeMonths(const DateRange& range, MonthIndex reference);

// Length in years of the union of [first, last) month intervals.
double UnionYears(std::vector<std::pair<MonthIndex, MonthIndex>> intervals);

}  // namespace shortlist::engine
