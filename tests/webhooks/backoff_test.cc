// The retry schedule doubles from the base, stops at the cap, and jitters within [d/2, d].
#include <gtest/gtest.h>

#include "webhooks/backoff.h"

namespace shortlist::webhooks {
namespace {

TEST(BackoffTest, DoublesAndCapsWithoutJitterAtTheTop) {
  // unit just below 1 picks the top of the window: the un-jittered delay.
  const double top = 0.999999999;
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 1, top), 999);
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 1, 1.0), 1000);
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 2, 1.0), 2000);
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 3, 1.0), 4000);
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 6, 1.0), 32000);
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 7, 1.0), 60000);
  EXPECT_EQ(RetryDelayMillis(1000, 60000, 1000, 1.0), 60000);  // no overflow
}

TEST(BackoffTest, JitterStaysWithinHalfToFullDelay) {
  for (int attempt = 1; attempt <= 12; ++attempt) {
    const std::int64_t full = RetryDelayMillis(500, 20000, attempt, 1.0);
    std::int64_t lowest = full, highest = 0;
    for (int i = 0; i < 100; ++i) {
      std::int64_t d = RetryDelayMillis(500, 20000, attempt, i / 100.0);
      EXPECT_GE(d, full / 2) << "attempt " << attempt;
      EXPECT_LE(d, full) << "attempt " << attempt;
      lowest = std::min(lowest, d);
      highest = std::max(highest, d);
    }
    EXPECT_EQ(lowest, full / 2);
    EXPECT_GT(highest, full * 9 / 10);  // the window is really used
  }
}

TEST(BackoffTest, NonsenseOptionsStillGiveAPositiveDelay) {
  EXPECT_GE(RetryDelayMillis(0, 0, 1, 0.5), 0);
  EXPECT_EQ(RetryDelayMillis(100, 10, 3, 1.0), 100);  // a cap below the base is the base
}

}  // namespace
}  // namespace shortlist::webhooks
