#include "common/clock.h"

#include <gtest/gtest.h>

#include <ctime>

namespace shortlist {
namespace {

TEST(Iso8601, FormatsUtcSeconds) {
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(1774692000000), "2026-03-28T10:00:00Z");
}

TEST(Iso8601, FormatAgreesWithGmtimeAcrossCenturies) {
  for (std::int64_t secs : {-86400LL * 365 * 70, -1LL, 951782400LL /* 2000-02-29 */, 4102444799LL,
                            1774692000LL + 86399, 253402300799LL /* 9999-12-31 */}) {
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char want[32];
    std::strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
    EXPECT_EQ(FormatIso8601(secs * 1000), want) << secs;
  }
}

TEST(Iso8601, ParsesDatesTimesAndOffsets) {
  std::int64_t ms = 0;
  ASSERT_TRUE(ParseIso8601("2026-03-28T10:00:00Z", &ms));
  EXPECT_EQ(ms, 1774692000000);
  ASSERT_TRUE(ParseIso8601("2026-03-28", &ms));
  EXPECT_EQ(ms, 1774656000000);
  ASSERT_TRUE(ParseIso8601("2026-03-28T12:00:00+02:00", &ms));
  EXPECT_EQ(ms, 1774692000000);
  ASSERT_TRUE(ParseIso8601("2026-03-28 10:00:00.123Z", &ms));
  EXPECT_EQ(ms, 1774692000000);
}

TEST(Iso8601, RejectsGarbage) {
  std::int64_t ms = 0;
  EXPECT_FALSE(ParseIso8601("yesterday", &ms));
  EXPECT_FALSE(ParseIso8601("2026-13-01", &ms));
  EXPECT_FALSE(ParseIso8601("2026-03-28T10:00", &ms));
  EXPECT_FALSE(ParseIso8601("2026-03-28Tjunk", &ms));
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock clock(1000);
  EXPECT_EQ(clock.NowMillis(), 1000);
  clock.Advance(500);
  EXPECT_EQ(clock.NowMillis(), 1500);
}

}  // namespace
}  // namespace shortlist
