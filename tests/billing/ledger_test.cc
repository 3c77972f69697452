// The ledger and charges through the Billing contract: running balance, atomic concurrent
// charges, agent key limits across UTC period boundaries, refunds.
#include <atomic>
#include <thread>

#include "billing/billing_service.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "fakes.h"

namespace shortlist::billing {
namespace {

using testing::TempDatabase;

std::int64_t At(const std::string& iso) {
  std::int64_t ms = 0;
  EXPECT_TRUE(ParseIso8601(iso, &ms)) << iso;
  return ms;
}

class LedgerTest : public ::testing::TestWithParam<std::string> {
 protected:
  BillingService Service(bool enforce) {
    BillingOptions options;
    options.enforce_balance = enforce;
    return BillingService(db_.billing(), clock_, options, nullptr, nullptr);
  }
  model::Principal User() const {
    model::Principal p;
    p.account = db_.account();
    p.token_id = 1;
    return p;
  }
  model::Principal Agent(BillingService& s, store::SpendLimits limits) {
    auto key = s.CreateAgentKey(db_.account().id, "bot", {"read", "screen"}, limits);
    EXPECT_TRUE(key.ok());
    auto p = s.AuthenticateAgentKey(Sha256Hex(key->key));
    EXPECT_TRUE(p.ok());
    return *p;
  }
  std::int64_t Balance() { return db_.billing().GetBalance(db_.account().id)->credits; }

  TempDatabase db_{GetParam()};
  FakeClock clock_{At("2026-01-31T23:59:00Z")};
};

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTest, testing::kBackends, testing::BackendName);

TEST_P(LedgerTest, EveryEntryCarriesTheRunningBalance) {
  auto s = Service(true);
  ASSERT_TRUE(s.Grant(db_.account().id, 1000, "welcome").ok());
  auto c1 = s.ChargeForJob(User(), 30, "Job A");
  ASSERT_TRUE(c1.ok());
  ASSERT_TRUE(s.AttachJob(c1->id, 7).ok());
  ASSERT_TRUE(s.ChargeForJob(User(), 20, "Job B").ok());
  ASSERT_TRUE(s.RefundJob(7, 5, "cancelled: 5 not screened").ok());

  int total = 0;
  auto rows = db_.billing().ListLedger(db_.account().id, {}, &total);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(total, 4);
  // Newest first: refund, charge B, charge A, grant.
  EXPECT_EQ((*rows)[3].kind, "grant");
  EXPECT_EQ((*rows)[3].balance_after, 1000);
  EXPECT_EQ((*rows)[2].kind, "charge");
  EXPECT_EQ((*rows)[2].credits, -30);
  EXPECT_EQ((*rows)[2].job_id, 7);
  EXPECT_EQ((*rows)[2].balance_after, 970);
  EXPECT_EQ((*rows)[1].balance_after, 950);
  EXPECT_EQ((*rows)[0].kind, "refund");
  EXPECT_EQ((*rows)[0].credits, 5);
  EXPECT_EQ((*rows)[0].job_id, 7);
  EXPECT_EQ((*rows)[0].balance_after, 955);
  // Each balance_after is the previous one plus the entry's credits.
  for (std::size_t i = 0; i + 1 < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].balance_after, (*rows)[i + 1].balance_after + (*rows)[i].credits);
  }
  EXPECT_EQ(Balance(), 955);
}

TEST_P(LedgerTest, EnforcedBalanceRefusesWhatItCannotPayAndWritesNothing) {
  auto s = Service(true);
  ASSERT_TRUE(s.Grant(db_.account().id, 10, "").ok());
  auto refused = s.ChargeForJob(User(), 11, "too big");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "insufficient_credits");
  EXPECT_NE(refused.error().message.find("$0.10"), std::string::npos);
  EXPECT_EQ(Balance(), 10);
  EXPECT_TRUE(s.ChargeForJob(User(), 10, "exact").ok());
  EXPECT_EQ(Balance(), 0);
}

TEST_P(LedgerTest, WithoutEnforcementUsageIsRecordedAndTheBalanceMayGoNegative) {
  auto s = Service(false);
  auto charge = s.ChargeForJob(User(), 3, "first job on a fresh install");
  ASSERT_TRUE(charge.ok());
  EXPECT_GT(charge->id, 0);
  EXPECT_EQ(Balance(), -3);
}

TEST_P(LedgerTest, ConcurrentChargesNeverOverdrawAndExactlyTheAffordableOnesSucceed) {
  auto s = Service(true);
  ASSERT_TRUE(s.Grant(db_.account().id, 100, "").ok());  // enough for 10 jobs of 10
  std::atomic<int> accepted{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 4; ++i) {
        auto c = s.ChargeForJob(User(), 10, "concurrent");
        if (c.ok()) {
          ++accepted;
        } else if (c.error().code == "insufficient_credits") {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 10);
  EXPECT_EQ(refused.load(), 22);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Balance(), 0);
  int total = 0;
  auto rows = db_.billing().ListLedger(db_.account().id, {"charge", 0, 100, 0}, &total);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(total, 10);
  for (const auto& e : *rows) EXPECT_GE(e.balance_after, 0);
}

TEST_P(LedgerTest, ConcurrentChargesNeverExceedAnAgentKeysDailyLimit) {
  auto s = Service(false);
  model::Principal agent = Agent(s, {50, std::nullopt, std::nullopt});
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        if (s.ChargeForJob(agent, 7, "agent job").ok()) ++accepted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 7);  // 7 * 7 = 49 <= 50 < 56
  EXPECT_EQ(db_.billing().GetAgentKeySpend(agent.agent_key_id, clock_.NowMillis())->today, 49);
}

TEST_P(LedgerTest, DailyLimitResetsAtUtcMidnightAndMonthlyAtTheMonthBoundary) {
  auto s = Service(false);
  model::Principal agent = Agent(s, {100, 150, 400});
  // 2026-01-31 23:59 UTC.
  ASSERT_TRUE(s.ChargeForJob(agent, 100, "a").ok());
  auto refused = s.ChargeForJob(agent, 1, "b");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "spend_limit_exceeded");
  EXPECT_NE(refused.error().message.find("daily"), std::string::npos);
  EXPECT_NE(refused.error().message.find("bot"), std::string::npos);

  // A minute later it is February: a new day and a new month.
  clock_.Set(At("2026-02-01T00:00:30Z"));
  ASSERT_TRUE(s.ChargeForJob(agent, 100, "c").ok());
  clock_.Set(At("2026-02-02T12:00:00Z"));
  ASSERT_TRUE(s.ChargeForJob(agent, 50, "d").ok());  // month: 150 of 150
  auto monthly = s.ChargeForJob(agent, 1, "e");
  ASSERT_FALSE(monthly.ok());
  EXPECT_NE(monthly.error().message.find("monthly"), std::string::npos);

  clock_.Set(At("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(s.ChargeForJob(agent, 100, "f").ok());  // lifetime: 350 of 400
  clock_.Set(At("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(s.ChargeForJob(agent, 50, "g").ok());  // lifetime: 400 of 400
  clock_.Set(At("2026-05-01T00:00:00Z"));
  auto lifetime = s.ChargeForJob(agent, 1, "h");
  ASSERT_FALSE(lifetime.ok());
  EXPECT_NE(lifetime.error().message.find("lifetime"), std::string::npos);
}

TEST_P(LedgerTest, ARefundGivesSpendBackToThePeriodOfTheCharge) {
  auto s = Service(false);
  model::Principal agent = Agent(s, {100, std::nullopt, std::nullopt});
  auto charge = s.ChargeForJob(agent, 100, "job");
  ASSERT_TRUE(charge.ok());
  ASSERT_TRUE(s.AttachJob(charge->id, 42).ok());
  EXPECT_FALSE(s.ChargeForJob(agent, 1, "over").ok());
  ASSERT_TRUE(s.RefundJob(42, 30, "cancelled").ok());
  auto spend = db_.billing().GetAgentKeySpend(agent.agent_key_id, clock_.NowMillis());
  EXPECT_EQ(spend->today, 70);
  EXPECT_EQ(spend->candidates, 70);
  EXPECT_EQ(spend->jobs, 1);
  EXPECT_TRUE(s.ChargeForJob(agent, 30, "fits again").ok());
  // Refunding more than is left is capped at the charge.
  ASSERT_TRUE(s.RefundJob(42, 1000, "failed").ok());
  EXPECT_EQ(db_.billing().GetAgentKeySpend(agent.agent_key_id, clock_.NowMillis())->today, 30);
  EXPECT_EQ(Balance(), -30);
}

TEST_P(LedgerTest, RefundChargeUndoesAJobThatWasNeverCreated) {
  auto s = Service(true);
  ASSERT_TRUE(s.Grant(db_.account().id, 50, "").ok());
  model::Principal agent = Agent(s, {});
  auto charge = s.ChargeForJob(agent, 20, "job");
  ASSERT_TRUE(charge.ok());
  ASSERT_TRUE(s.RefundCharge(charge->id, "job not created").ok());
  ASSERT_TRUE(s.RefundCharge(charge->id, "again").ok());  // nothing left: no second refund
  EXPECT_EQ(Balance(), 50);
  auto spend = db_.billing().GetAgentKeySpend(agent.agent_key_id, clock_.NowMillis());
  EXPECT_EQ(spend->lifetime, 0);
  EXPECT_EQ(spend->jobs, 0);
}

TEST_P(LedgerTest, ZeroCreditsChargesNothing) {
  auto s = Service(true);
  auto charge = s.ChargeForJob(User(), 0, "empty");
  ASSERT_TRUE(charge.ok());
  EXPECT_EQ(charge->id, 0);
  int total = 0;
  ASSERT_TRUE(db_.billing().ListLedger(db_.account().id, {}, &total).ok());
  EXPECT_EQ(total, 0);
}

TEST_P(LedgerTest, AgentKeysAuthenticateUntilRotatedOrRevoked) {
  auto s = Service(false);
  auto key = s.CreateAgentKey(db_.account().id, "bot", {"read"}, {});
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(key->key.starts_with("sl_agent_"));
  EXPECT_GE(key->key.size(), 9u + 32u);
  auto p = s.AuthenticateAgentKey(Sha256Hex(key->key));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->account.id, db_.account().id);
  EXPECT_EQ(p->account.email, "ops@acme.test");
  EXPECT_TRUE(p->Allows("read"));
  EXPECT_FALSE(p->Allows("screen"));

  auto fresh = s.RegenerateAgentKey(db_.account().id, key->record.id);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(s.AuthenticateAgentKey(Sha256Hex(key->key)).ok());
  EXPECT_TRUE(s.AuthenticateAgentKey(Sha256Hex(fresh->key)).ok());

  ASSERT_TRUE(db_.billing().RevokeAgentKey(db_.account().id, key->record.id, 1).ok());
  EXPECT_FALSE(s.AuthenticateAgentKey(Sha256Hex(fresh->key)).ok());
  // A charge by a key revoked after it authenticated is refused, not billed.
  auto charge = s.ChargeForJob(*p, 1, "late");
  ASSERT_FALSE(charge.ok());
  EXPECT_EQ(charge.error().code, "unauthorized");
}

TEST_P(LedgerTest, AnotherAccountsKeyIsNotFound) {
  auto s = Service(false);
  auto key = s.CreateAgentKey(db_.account().id, "bot", {"read"}, {});
  ASSERT_TRUE(key.ok());
  auto other = db_.billing().GetAgentKey(db_.account().id + 1, key->record.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "not_found");
  EXPECT_FALSE(s.RegenerateAgentKey(db_.account().id + 1, key->record.id).ok());
}

}  // namespace
}  // namespace shortlist::billing
