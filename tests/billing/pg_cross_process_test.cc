// The billing guarantees across server processes, on PostgreSQL: two BillingStores with their own
// connection pools on one database stand for two processes. Concurrent charges split over both
// never overdraw a balance or an agent key's limit, and a Stripe event or a payment applied by
// both at once is credited once.
#include <atomic>
#include <functional>
#include <latch>
#include <thread>
#include <vector>

#include "fakes.h"

namespace shortlist::billing {
namespace {

using testing::TempDatabase;

constexpr std::int64_t kNow = 1700000000000;

// Runs body(0) … body(n - 1) on n threads released at once, and waits for them all.
void RunTogether(int n, const std::function<void(int)>& body) {
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      body(i);
    });
  }
  for (auto& t : threads) t.join();
}

class PostgresCrossProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto other = db_.OpenBilling();
    ASSERT_TRUE(other.ok()) << other.error().message;
    other_ = std::move(*other);
  }
  // Process 0 is the database's own store, process 1 the second one.
  store::BillingStore& Process(int i) { return i % 2 == 0 ? db_.billing() : *other_; }
  Status Grant(std::int64_t credits) {
    store::CreditRequest r;
    r.account_id = db_.account().id;
    r.lines.push_back({"grant", credits, "test grant"});
    r.now_ms = kNow;
    auto applied = db_.billing().AddCredits(r);
    if (!applied.ok()) return applied.error();
    return OkStatus();
  }

  TempDatabase db_{"postgres"};
  std::unique_ptr<store::BillingStore> other_;
};

TEST_F(PostgresCrossProcessTest, TwentyConcurrentChargesAgainstABalanceForTenAcceptExactlyTen) {
  ASSERT_TRUE(Grant(100).ok());
  constexpr int kCharges = 20;
  std::atomic<int> accepted{0}, refused{0}, errors{0};
  RunTogether(kCharges, [&](int i) {
    store::ChargeRequest r;
    r.account_id = db_.account().id;
    r.credits = 10;
    r.description = "job " + std::to_string(i);
    r.enforce_balance = true;
    r.now_ms = kNow;
    auto outcome = Process(i).Charge(r);
    if (!outcome.ok()) {
      ++errors;
    } else if (outcome->refusal == store::ChargeOutcome::Refusal::kNone) {
      ++accepted;
    } else if (outcome->refusal == store::ChargeOutcome::Refusal::kInsufficientCredits) {
      ++refused;
    }
  });
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(accepted.load(), 10);
  EXPECT_EQ(refused.load(), 10);
  EXPECT_EQ(Process(0).GetBalance(db_.account().id)->credits, 0);
  EXPECT_EQ(Process(1).GetBalance(db_.account().id)->credits, 0);
  // The ledger is a running balance in id order, whichever process wrote each line.
  int total = 0;
  auto rows = Process(1).ListLedger(db_.account().id, {"", 0, 100, 0}, &total);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(total, 11);
  for (std::size_t i = 0; i + 1 < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].balance_after, (*rows)[i + 1].balance_after + (*rows)[i].credits);
    EXPECT_GE((*rows)[i].balance_after, 0);
  }
}

TEST_F(PostgresCrossProcessTest, ConcurrentChargesFromBothNeverExceedAnAgentKeysDailyLimit) {
  store::AgentKeyRecord key;
  key.account_id = db_.account().id;
  key.name = "bot";
  key.permissions = {"screen"};
  key.limits.daily = 50;
  key.created_at_ms = kNow;
  auto created = db_.billing().CreateAgentKey(key, "hash-of-the-bot-key");
  ASSERT_TRUE(created.ok());
  constexpr int kCharges = 18;
  std::atomic<int> accepted{0}, limited{0}, errors{0};
  RunTogether(kCharges, [&](int i) {
    store::ChargeRequest r;
    r.account_id = db_.account().id;
    r.agent_key_id = created->id;
    r.credits = 7;
    r.now_ms = kNow;
    auto outcome = Process(i).Charge(r);
    if (!outcome.ok()) {
      ++errors;
    } else if (outcome->refusal == store::ChargeOutcome::Refusal::kNone) {
      ++accepted;
    } else if (outcome->refusal == store::ChargeOutcome::Refusal::kDailyLimit) {
      ++limited;
    }
  });
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(accepted.load(), 7);  // 7 * 7 = 49 <= 50 < 56
  EXPECT_EQ(limited.load(), 11);
  auto spend = Process(1).GetAgentKeySpend(created->id, kNow);
  ASSERT_TRUE(spend.ok());
  EXPECT_EQ(spend->today, 49);
  EXPECT_EQ(spend->jobs, 7);
  EXPECT_EQ(Process(0).GetBalance(db_.account().id)->credits, -49);
}

TEST_F(PostgresCrossProcessTest, TheSameStripeEventAppliedByBothIsCreditedOnce) {
  constexpr int kDeliveries = 8;  // Stripe retrying while both processes take deliveries
  std::atomic<int> applied{0}, errors{0};
  RunTogether(kDeliveries, [&](int i) {
    store::CreditRequest r;
    r.account_id = db_.account().id;
    r.lines = {{"purchase", 2500, "Satchel"}, {"bonus", 250, "Satchel bonus"}};
    r.reference = "cs_test_1";
    r.stripe_event_id = "evt_1";
    r.amount_cents = 2500;
    r.now_ms = kNow;
    auto outcome = Process(i).AddCredits(r);
    if (!outcome.ok()) {
      ++errors;
    } else if (outcome->applied) {
      ++applied;
    }
  });
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(applied.load(), 1);
  EXPECT_EQ(Process(1).GetBalance(db_.account().id)->credits, 2750);
  int total = 0;
  ASSERT_TRUE(Process(0).ListLedger(db_.account().id, {}, &total).ok());
  EXPECT_EQ(total, 2);
  // A later event about the same payment credits nothing either, from either process.
  store::CreditRequest again;
  again.account_id = db_.account().id;
  again.lines = {{"purchase", 2500, "Satchel"}};
  again.reference = "cs_test_1";
  again.stripe_event_id = "evt_2";
  again.now_ms = kNow;
  EXPECT_FALSE(Process(1).AddCredits(again)->applied);
  EXPECT_EQ(Process(0).GetBalance(db_.account().id)->credits, 2750);
}

TEST_F(PostgresCrossProcessTest, AnEventRecordedByOneProcessIsNotRecordedAgainByTheOther) {
  std::atomic<int> first{0};
  RunTogether(6, [&](int i) {
    auto recorded = Process(i).RecordStripeEvent("evt_card_saved", kNow);
    if (recorded.ok() && *recorded) ++first;
  });
  EXPECT_EQ(first.load(), 1);
  EXPECT_FALSE(*Process(0).RecordStripeEvent("evt_card_saved", kNow));
  EXPECT_FALSE(*Process(1).RecordStripeEvent("evt_card_saved", kNow));
}

TEST_F(PostgresCrossProcessTest, OnlyOneProcessClaimsAReload) {
  ASSERT_TRUE(db_.billing().SetAutoReload(db_.account().id, true, "pouch", kNow).ok());
  ASSERT_TRUE(db_.billing().SaveReloadPaymentMethod(db_.account().id, "cus_1", "pm_1", kNow).ok());
  std::atomic<int> claimed{0};
  RunTogether(6, [&](int i) {
    auto claim = Process(i).ClaimReload(db_.account().id, 100, kNow - 60000, kNow);
    if (claim.ok() && *claim) ++claimed;
  });
  EXPECT_EQ(claimed.load(), 1);
  EXPECT_EQ(Process(1).GetAutoReload(db_.account().id)->in_flight_since_ms, kNow);
}

}  // namespace
}  // namespace shortlist::billing
