// The charge rule as a pure function: agent key limits (always), then the balance (when
// enforced); reaching a limit or the balance exactly is allowed.
#include <gtest/gtest.h>

#include "billing/charge_policy.h"

namespace shortlist::billing {
namespace {

ChargeFacts Facts(std::int64_t credits, std::int64_t balance, bool enforce) {
  ChargeFacts f;
  f.credits = credits;
  f.balance = balance;
  f.enforce_balance = enforce;
  return f;
}

TEST(ChargePolicyTest, TheBalanceCountsOnlyWhenEnforced) {
  EXPECT_EQ(DecideCharge(Facts(10, 9, true)), ChargeRefusal::kInsufficientCredits);
  EXPECT_EQ(DecideCharge(Facts(10, 10, true)), ChargeRefusal::kNone);
  EXPECT_EQ(DecideCharge(Facts(10, -50, false)), ChargeRefusal::kNone);
}

TEST(ChargePolicyTest, AKeysLimitsAreCheckedDailyThenMonthlyThenLifetime) {
  ChargeFacts f = Facts(7, 0, false);
  f.daily = {50, 43};
  EXPECT_EQ(DecideCharge(f), ChargeRefusal::kNone) << "43 + 7 reaches 50 exactly";
  f.daily.spent = 44;
  f.monthly = {10, 10};
  f.lifetime = {1, 1};
  EXPECT_EQ(DecideCharge(f), ChargeRefusal::kDailyLimit);
  f.daily.limit.reset();
  EXPECT_EQ(DecideCharge(f), ChargeRefusal::kMonthlyLimit);
  f.monthly.limit.reset();
  EXPECT_EQ(DecideCharge(f), ChargeRefusal::kLifetimeLimit);
}

TEST(ChargePolicyTest, ALimitIsReportedBeforeAShortBalance) {
  ChargeFacts f = Facts(20, 5, true);
  f.monthly = {100, 90};
  EXPECT_EQ(DecideCharge(f), ChargeRefusal::kMonthlyLimit);
  f.monthly.spent = 0;
  EXPECT_EQ(DecideCharge(f), ChargeRefusal::kInsufficientCredits);
}

}  // namespace
}  // namespace shortlist::billing
