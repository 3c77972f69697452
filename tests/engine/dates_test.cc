// Date ranges in resume lines, and merging of overlapping ranges.
#include <gtest/gtest.h>

#include "engine/dates.h"

namespace shortlist::engine {
namespace {

DateRange Parse(std::string_view line) {
  DateRange r;
  EXPECT_TRUE(FindDateRange(line, &r)) << line;
  return r;
}

TEST(DatesTest, MonthYearToPresent) {
  DateRange r = Parse("Acme Corp  Jan 2019 - Present");
  EXPECT_EQ(r.start_year, 2019);
  EXPECT_EQ(r.start_month, 1);
  EXPECT_TRUE(r.current);
}

TEST(DatesTest, YearsOnly) {
  DateRange r = Parse("2016-2018");
  EXPECT_EQ(r.start_year, 2016);
  EXPECT_EQ(r.end_year, 2018);
  EXPECT_FALSE(r.current);
}

TEST(DatesTest, NumericMonthsAndNow) {
  DateRange r = Parse("03/2020 - now");
  EXPECT_EQ(r.start_year, 2020);
  EXPECT_EQ(r.start_month, 3);
  EXPECT_TRUE(r.current);
}

TEST(DatesTest, WordSeparatorsAndFullMonthNames) {
  DateRange r = Parse("November 2017 to Present");
  EXPECT_EQ(r.start_month, 11);
  EXPECT_TRUE(r.current);
  DateRange s = Parse("Sept. 2012 until March 2014");
  EXPECT_EQ(s.start_month, 9);
  EXPECT_EQ(s.end_year, 2014);
  EXPECT_EQ(s.end_month, 3);
}

// A dash glyph the text normaliser did not map, or what is left of one after a bad re-encoding.
TEST(DatesTest, UnmappedDashGlyphsSeparateARange) {
  DateRange r = Parse("Human Resources Manager 08/2012 \xc3\xaf\xc2\xbc Current Acme Inc");
  EXPECT_EQ(r.start_year, 2012);
  EXPECT_EQ(r.start_month, 8);
  EXPECT_TRUE(r.current);
  DateRange s = Parse("2016 \xe2\xb8\xba 2018");  // two-em dash
  EXPECT_EQ(s.end_year, 2018);
  // Letters are not a dash: a word between two dates does not make a range.
  EXPECT_FALSE(FindDateRange("2016 caf\xc3\xa9 2018", &r));
}

TEST(DatesTest, NotARange) {
  DateRange r;
  EXPECT_FALSE(FindDateRange("Graduated May 2015", &r));
  EXPECT_FALSE(FindDateRange("Increased sales by 2015 units", &r));
  EXPECT_FALSE(FindDateRange("Marketing 2018 - 2016 reversed", &r));
}

TEST(DatesTest, OverlappingRangesAreMergedNeverDoubleCounted) {
  // 2019-01..2020-12 and 2020-01..2021-12 overlap by a year: 3 years, not 4.
  double years = UnionYears({{ToMonthIndex(2019, 1), ToMonthIndex(2021, 1)},
                             {ToMonthIndex(2020, 1), ToMonthIndex(2022, 1)}});
  EXPECT_DOUBLE_EQ(years, 3.0);
  // Disjoint ranges add up; a contained range adds nothing.
  EXPECT_DOUBLE_EQ(UnionYears({{0, 12}, {24, 36}, {26, 30}}), 2.0);
}

TEST(DatesTest, OpenRangeEndsAtReference) {
  DateRange r = Parse("Jan 2019 - Present");
  auto [first, last] = RangeMonths(r, ToMonthIndex(2021, 12));
  EXPECT_EQ(last - first, 36);
}

}  // namespace
}  // namespace shortlist::engine
