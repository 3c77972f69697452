#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace shortlist::http {
namespace {

TEST(RateLimiter, RefusesPastThePlanLimitUntilTheMinuteTurns) {
  FakeClock clock(60'000 * 100 + 10'000);  // 10 s into a minute
  RateLimiter limiter(clock);
  for (int i = 0; i < 30; ++i) {
    RateDecision d = limiter.Acquire(1, model::Plan::kStarter);
    ASSERT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.remaining, 29 - i);
  }
  RateDecision refused = limiter.Acquire(1, model::Plan::kStarter);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.reset_at_ms, 60'000 * 101);
  // Another token has its own budget.
  EXPECT_TRUE(limiter.Acquire(2, model::Plan::kStarter).allowed);
  clock.Advance(50'000);
  RateDecision fresh = limiter.Acquire(1, model::Plan::kStarter);
  EXPECT_TRUE(fresh.allowed);
  EXPECT_EQ(fresh.remaining, 29);
}

TEST(RateLimiter, PlansHaveTheirLimitsAndEnterpriseIsUnlimited) {
  EXPECT_EQ(RequestsPerMinute(model::Plan::kStarter), 30);
  EXPECT_EQ(RequestsPerMinute(model::Plan::kStandard), 60);
  EXPECT_EQ(RequestsPerMinute(model::Plan::kPro), 120);
  FakeClock clock(0);
  RateLimiter limiter(clock);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Acquire(7, model::Plan::kEnterprise).allowed);
  EXPECT_TRUE(limiter.Peek(7, model::Plan::kEnterprise).unlimited);
}

TEST(RateLimiter, PeekDoesNotCount) {
  FakeClock clock(0);
  RateLimiter limiter(clock);
  limiter.Acquire(1, model::Plan::kStandard);
  EXPECT_EQ(limiter.Peek(1, model::Plan::kStandard).remaining, 59);
  EXPECT_EQ(limiter.Peek(1, model::Plan::kStandard).remaining, 59);
}

}  // namespace
}  // namespace shortlist::http
