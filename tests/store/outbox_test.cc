// One transaction across table groups, on every backend: a claim, a job's end and a charge write
// the webhook deliveries that announce them in their own transaction (a transactional outbox),
// so an announced change always happened, and a change that did not happen is never announced.
#include <gtest/gtest.h>

#include "store/billing_store.h"
#include "store/webhook_store.h"
#include "store_fixture.h"

namespace shortlist::store {
namespace {

using model::Job;
using model::JobStatus;

NewWebhookDelivery Event(std::int64_t account_id, std::int64_t job_id, const std::string& type,
                         const std::string& public_id) {
  NewWebhookDelivery d;
  d.account_id = account_id;
  d.job_id = job_id;
  d.public_id = public_id;
  d.url = "https://example.com/hook";
  d.event_type = type;
  d.body = "{\"event\":\"" + type + "\"}";
  d.dedupe_key = "job:" + std::to_string(job_id) + ":" + type;
  d.created_at_ms = 5000;
  return d;
}

class OutboxTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto outbox =
        postgres() ? OpenPostgresWebhookStore(location_) : OpenSqliteWebhookStore(location_);
    ASSERT_TRUE(outbox.ok()) << outbox.error().message;
    outbox_ = std::move(outbox).value();
  }
  // The public ids of the account's deliveries, newest first.
  std::vector<std::string> Deliveries(std::int64_t account_id) {
    int total = 0;
    auto listed = outbox_->ListDeliveries(account_id, {}, &total);
    EXPECT_TRUE(listed.ok());
    std::vector<std::string> ids;
    for (const auto& d : *listed) ids.push_back(d.public_id);
    return ids;
  }
  std::unique_ptr<WebhookStore> outbox_;
};

TEST_P(OutboxTest, AJobsEndIsAnnouncedOnlyByTheCallThatEndedIt) {
  auto a = MakeAccount("acme");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->ClaimNextJob("w", 1000)->has_value());
  const std::vector<NewWebhookDelivery> events = {
      Event(a.id, job.id, "high_score_detected", "evt_high"),
      Event(a.id, job.id, "job.completed", "evt_done")};
  // A worker whose claim is gone finishes nothing and announces nothing.
  auto late = store_->FinishJob({job.id, "other"}, JobStatus::kCompleted, "", 2000, events);
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_FALSE(*late);
  EXPECT_TRUE(Deliveries(a.id).empty());
  auto done = store_->FinishJob({job.id, "w"}, JobStatus::kCompleted, "", 3000, events);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_TRUE(*done);
  EXPECT_EQ(Deliveries(a.id), (std::vector<std::string>{"evt_done", "evt_high"}));
  auto due = outbox_->ClaimDue("sender", 5000, 1000, 10);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 2u) << "due at once, as if published";
}

TEST_P(OutboxTest, AJobsEndThatCannotBeAnnouncedDoesNotHappen) {
  auto a = MakeAccount("acme");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->ClaimNextJob("w", 1000)->has_value());
  ASSERT_TRUE(*outbox_->Enqueue(Event(a.id, 999, "job.completed", "evt_taken")));
  // The second delivery's public id is taken: the outbox write fails, and the finish with it.
  auto failed = store_->FinishJob(
      {job.id, "w"}, JobStatus::kCompleted, "", 3000,
      {Event(a.id, job.id, "job.completed", "evt_new"), Event(a.id, job.id, "x", "evt_taken")});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "storage");
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kProcessing);
  EXPECT_EQ(Deliveries(a.id), (std::vector<std::string>{"evt_taken"}));
}

TEST_P(OutboxTest, AClaimIsAnnouncedWithTheJobItClaimed) {
  auto a = MakeAccount("acme");
  Job first = MakeJob(a.id, 1);
  OutboxFor<Job> announce = [&](const Job& claimed) {
    return std::vector<NewWebhookDelivery>{Event(claimed.account_id, claimed.id, "job.processing",
                                                 "evt_" + std::to_string(claimed.id))};
  };
  auto claimed = store_->ClaimNextJob("w", 1000, announce);
  ASSERT_TRUE(claimed.ok() && claimed->has_value()) << claimed.error().message;
  EXPECT_EQ((*claimed)->id, first.id);
  EXPECT_EQ(Deliveries(a.id), (std::vector<std::string>{"evt_" + std::to_string(first.id)}));
  auto none = store_->ClaimNextJob("w", 1000, announce);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(Deliveries(a.id).size(), 1u) << "no claim, no announcement";
}

TEST_P(OutboxTest, AChargeIsAnnouncedWithItsOutcomeRefusedOrNot) {
  auto a = MakeAccount("acme");
  auto billing =
      postgres() ? OpenPostgresBillingStore(location_) : OpenSqliteBillingStore(location_);
  ASSERT_TRUE(billing.ok()) << billing.error().message;
  int calls = 0;
  OutboxFor<ChargeOutcome> announce = [&](const ChargeOutcome& outcome) {
    const bool refused = outcome.refusal != ChargeOutcome::Refusal::kNone;
    return std::vector<NewWebhookDelivery>{Event(a.id, 0, refused ? "credits_exhausted" : "charged",
                                                 "evt_" + std::to_string(++calls))};
  };
  ChargeRequest request;
  request.account_id = a.id;
  request.credits = 5;
  request.enforce_balance = true;
  request.now_ms = 1000;
  auto refused = (*billing)->Charge(request, announce);
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_EQ(refused->refusal, ChargeOutcome::Refusal::kInsufficientCredits);
  request.enforce_balance = false;
  auto taken = (*billing)->Charge(request, announce);
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->refusal, ChargeOutcome::Refusal::kNone);
  EXPECT_EQ(taken->balance_after, -5);
  EXPECT_EQ(Deliveries(a.id), (std::vector<std::string>{"evt_2", "evt_1"}));
}

INSTANTIATE_TEST_SUITE_P(store, OutboxTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace shortlist::store
