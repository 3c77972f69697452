// Which usage webhooks a charge publishes, end to end through BillingService with a recording
// sink that honours dedupe keys like the real outbox.
#include <nlohmann/json.hpp>

#include "billing/billing_service.h"
#include "billing/usage_events.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "fakes.h"

namespace shortlist::billing {
namespace {

using testing::RecordingSink;
using testing::TempDatabase;

class UsageEventsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ParseIso8601("2026-05-12T10:00:00Z", &now_);
    clock_.Set(now_);
    store::UsageWebhookConfig config;
    config.url = "https://agent.example/hooks";
    ASSERT_TRUE(db_.billing().SetUsageWebhook(db_.account().id, config).ok());
  }
  model::Principal Agent(store::SpendLimits limits) {
    auto key = service_.CreateAgentKey(db_.account().id, "My Agent", {"screen"}, limits);
    EXPECT_TRUE(key.ok());
    return *service_.AuthenticateAgentKey(Sha256Hex(key->key));
  }

  std::int64_t now_ = 0;
  TempDatabase db_{GetParam()};
  FakeClock clock_;
  RecordingSink sink_;
  BillingService service_{db_.billing(), clock_, BillingOptions{}, nullptr, &sink_};
};

INSTANTIATE_TEST_SUITE_P(Backends, UsageEventsTest, testing::kBackends, testing::BackendName);

TEST_P(UsageEventsTest, ThresholdThenLimitOncePerDay) {
  ASSERT_TRUE(service_.Grant(db_.account().id, 2550, "").ok());
  model::Principal agent = Agent({500, std::nullopt, std::nullopt});  // $5.00 a day
  ASSERT_TRUE(service_.ChargeForJob(agent, 399, "a").ok());
  EXPECT_TRUE(sink_.events().empty());
  ASSERT_TRUE(service_.ChargeForJob(agent, 1, "b").ok());  // $4.00 = 80% of $5.00
  ASSERT_EQ(sink_.types(), std::vector<std::string>{"agent.usage_threshold_reached"});
  auto data = nlohmann::json::parse(sink_.events()[0].data_json);
  EXPECT_EQ(sink_.events()[0].url, "https://agent.example/hooks");
  EXPECT_EQ(data["agent_key_id"], agent.agent_key_id);
  EXPECT_EQ(data["agent_key_name"], "My Agent");
  EXPECT_DOUBLE_EQ(data["spent_amount"].get<double>(), 0.01);
  EXPECT_DOUBLE_EQ(data["current_balance"].get<double>(), 21.50);
  EXPECT_DOUBLE_EQ(data["period_spend"].get<double>(), 4.00);
  EXPECT_DOUBLE_EQ(data["current_spend"].get<double>(), 4.00);
  EXPECT_DOUBLE_EQ(data["threshold"].get<double>(), 5.00);
  EXPECT_EQ(data["currency"], "USD");
  EXPECT_EQ(data["period"], "daily");

  ASSERT_TRUE(service_.ChargeForJob(agent, 50, "c").ok());  // still over 80%: no repeat
  EXPECT_EQ(sink_.events().size(), 1u);
  ASSERT_TRUE(service_.ChargeForJob(agent, 50, "d").ok());  // reaches $5.00
  EXPECT_FALSE(service_.ChargeForJob(agent, 1, "e").ok());  // refused by the limit
  EXPECT_EQ(sink_.types(),
            (std::vector<std::string>{"agent.usage_threshold_reached", "daily_limit"}));

  // The next UTC day starts a new period.
  clock_.Advance(24 * 3600 * 1000);
  ASSERT_TRUE(service_.ChargeForJob(agent, 450, "f").ok());
  EXPECT_EQ(sink_.events().size(), 3u);
  EXPECT_EQ(sink_.events()[2].type, "agent.usage_threshold_reached");
}

TEST_P(UsageEventsTest, LowBalanceAndExhaustedOncePerTopUp) {
  BillingOptions enforce;
  enforce.enforce_balance = true;
  BillingService s(db_.billing(), clock_, enforce, nullptr, &sink_);
  model::Principal user;
  user.account = db_.account();
  user.token_id = 1;
  ASSERT_TRUE(s.Grant(db_.account().id, 300, "").ok());
  ASSERT_TRUE(s.ChargeForJob(user, 150, "a").ok());  // 150: above $1
  EXPECT_TRUE(sink_.events().empty());
  ASSERT_TRUE(s.ChargeForJob(user, 60, "b").ok());  // 90: low
  ASSERT_TRUE(s.ChargeForJob(user, 10, "c").ok());  // 80: still low, not again
  EXPECT_EQ(sink_.types(), std::vector<std::string>{"low_balance"});
  auto data = nlohmann::json::parse(sink_.events()[0].data_json);
  EXPECT_DOUBLE_EQ(data["threshold"].get<double>(), 1.00);
  EXPECT_TRUE(data["agent_key_id"].is_null());
  EXPECT_FALSE(s.ChargeForJob(user, 81, "d").ok());  // refused: exhausted
  EXPECT_FALSE(s.ChargeForJob(user, 81, "e").ok());
  EXPECT_EQ(sink_.types(), (std::vector<std::string>{"low_balance", "credits_exhausted"}));

  // A top-up starts a new epoch: the events may fire again.
  ASSERT_TRUE(s.Grant(db_.account().id, 100, "").ok());
  ASSERT_TRUE(s.ChargeForJob(user, 170, "f").ok());  // 180 -> 10
  EXPECT_EQ(sink_.types(),
            (std::vector<std::string>{"low_balance", "credits_exhausted", "low_balance"}));
}

TEST_P(UsageEventsTest, ConfiguredEventListFiltersAndNoUrlMeansNoEvents) {
  store::UsageWebhookConfig only_limits;
  only_limits.url = "https://agent.example/hooks";
  only_limits.events = {"daily_limit"};
  ASSERT_TRUE(db_.billing().SetUsageWebhook(db_.account().id, only_limits).ok());
  model::Principal agent = Agent({100, std::nullopt, std::nullopt});
  ASSERT_TRUE(service_.ChargeForJob(agent, 90, "a").ok());  // threshold: filtered out
  EXPECT_TRUE(sink_.events().empty());
  ASSERT_TRUE(service_.ChargeForJob(agent, 10, "b").ok());
  EXPECT_EQ(sink_.types(), std::vector<std::string>{"daily_limit"});

  ASSERT_TRUE(db_.billing().SetUsageWebhook(db_.account().id, {}).ok());
  clock_.Advance(24 * 3600 * 1000);
  ASSERT_TRUE(service_.ChargeForJob(agent, 100, "c").ok());
  EXPECT_EQ(sink_.events().size(), 1u);
}

TEST(UsageEventNamesTest, AcceptsTheReferencesShortName) {
  EXPECT_EQ(CanonicalUsageEvent("threshold_reached"), "agent.usage_threshold_reached");
  EXPECT_EQ(CanonicalUsageEvent("monthly_limit"), "monthly_limit");
  EXPECT_EQ(CanonicalUsageEvent("job.completed"), "");
}

}  // namespace
}  // namespace shortlist::billing
