#include "billing/packs.h"

#include <gtest/gtest.h>

namespace shortlist::billing {
namespace {

TEST(PacksTest, MatchTheReferenceTable) {
  const auto& packs = CreditPacks();
  ASSERT_EQ(packs.size(), 3u);
  EXPECT_EQ(packs[0].name, "Pouch");
  EXPECT_EQ(packs[0].price_cents, 500);
  EXPECT_EQ(packs[0].credits(), 500);
  EXPECT_EQ(packs[1].name, "Satchel");
  EXPECT_EQ(packs[1].price_cents, 2500);
  EXPECT_EQ(packs[1].credits(), 2750);
  EXPECT_EQ(packs[1].bonus_credits, 250);
  EXPECT_EQ(packs[1].bonus_percent(), 10);
  EXPECT_EQ(packs[2].name, "Chest");
  EXPECT_EQ(packs[2].price_cents, 10000);
  EXPECT_EQ(packs[2].credits(), 12000);
  EXPECT_EQ(packs[2].bonus_percent(), 20);
  EXPECT_EQ(FindPack("SATCHEL")->id, "satchel");
  EXPECT_FALSE(FindPack("bag").has_value());
}

TEST(PacksTest, MoneyFormatting) {
  EXPECT_EQ(FormatDollars(2550), "$25.50");
  EXPECT_EQ(FormatDollars(5), "$0.05");
  EXPECT_EQ(FormatDollars(-20), "-$0.20");
  EXPECT_EQ(CreditsFromDollars(5.00), 500);
  EXPECT_EQ(CreditsFromDollars(0.29), 29);  // 0.29 * 100 is 28.999... in binary
  EXPECT_DOUBLE_EQ(Dollars(2549), 25.49);
}

TEST(PacksTest, LowBalanceThresholdIsOneDollarOrFivePercentOfTheLargestPurchase) {
  EXPECT_EQ(LowBalanceThreshold(0), 100);
  EXPECT_EQ(LowBalanceThreshold(500), 100);    // 5% of $5 = $0.25 < $1
  EXPECT_EQ(LowBalanceThreshold(2500), 125);   // 5% of $25
  EXPECT_EQ(LowBalanceThreshold(10000), 500);  // 5% of $100
}

}  // namespace
}  // namespace shortlist::billing
