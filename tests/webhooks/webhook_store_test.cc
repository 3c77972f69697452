// The outbox, on SQLite and on PostgreSQL alike: dedupe per account, leases that exclude a second
// claimer until they expire, attempts recorded with the next state, per-account listing, secrets.
// On PostgreSQL also across processes (two stores, each with its own pool, on one database):
// concurrent claims never lease a delivery twice.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "../support/test_postgres.h"
#include "store/webhook_store.h"
#include "temp_db.h"

namespace shortlist::store {
namespace {

using webhooks::testing::TempDb;

NewWebhookDelivery Delivery(std::int64_t account, const std::string& id,
                            const std::string& dedupe = "", std::int64_t now = 1000) {
  NewWebhookDelivery d;
  d.account_id = account;
  d.job_id = 7;
  d.public_id = id;
  d.url = "https://example.com/hook";
  d.event_type = "job.completed";
  d.body = "{\"event\":\"job.completed\"}";
  d.dedupe_key = dedupe;
  d.created_at_ms = now;
  return d;
}

AttemptOutcome Failed(int number, std::int64_t retry_at) {
  AttemptOutcome o;
  o.attempt.number = number;
  o.attempt.started_at_ms = 1000;
  o.attempt.status_code = 500;
  o.attempt.error = "HTTP 500";
  o.next_state = retry_at > 0 ? DeliveryState::kPending : DeliveryState::kFailed;
  o.next_attempt_at_ms = retry_at;
  return o;
}

// The test runs once per backend: "sqlite" (a file in a temp dir) or "postgres" (a fresh schema).
class WebhookStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    location_ = GetParam() == "postgres" ? shortlist::testing::FreshPostgresDatabase() : db_.path();
    ASSERT_FALSE(location_.empty());
    auto opened = Open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }
  Result<std::unique_ptr<WebhookStore>> Open() {
    return GetParam() == "postgres" ? OpenPostgresWebhookStore(location_)
                                    : OpenSqliteWebhookStore(location_);
  }
  TempDb db_;
  std::string location_;
  std::unique_ptr<WebhookStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, WebhookStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST_P(WebhookStoreTest, SameDedupeKeyPerAccountIsRecordedOnce) {
  EXPECT_TRUE(*store_->Enqueue(Delivery(1, "evt_a", "job:7:job.completed")));
  EXPECT_FALSE(*store_->Enqueue(Delivery(1, "evt_b", "job:7:job.completed")));
  // Another account may use the same key; empty keys never collide.
  EXPECT_TRUE(*store_->Enqueue(Delivery(2, "evt_c", "job:7:job.completed")));
  EXPECT_TRUE(*store_->Enqueue(Delivery(1, "evt_d")));
  EXPECT_TRUE(*store_->Enqueue(Delivery(1, "evt_e")));
  int total = 0;
  auto listed = store_->ListDeliveries(1, {}, &total);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(total, 3);
  EXPECT_EQ(listed->front().public_id, "evt_e");  // newest first
}

TEST_P(WebhookStoreTest, LeaseExcludesOtherClaimersUntilItExpires) {
  ASSERT_TRUE(store_->Enqueue(Delivery(1, "evt_a")).ok());
  auto first = store_->ClaimDue("p1", 1000, 5000, 10);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_TRUE(store_->ClaimDue("p2", 1000, 5000, 10)->empty());
  EXPECT_TRUE(store_->ClaimDue("p2", 5999, 5000, 10)->empty());
  EXPECT_EQ(*store_->NextDueAt(), std::optional<std::int64_t>(6000));
  // The first claimer died: after expiry someone else gets it, and the dead owner's late
  // report is refused rather than counted twice.
  auto second = store_->ClaimDue("p2", 6000, 5000, 10);
  ASSERT_EQ(second->size(), 1u);
  Status late = store_->CompleteAttempt(first->front().id, "p1", Failed(1, 9000), 6500);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "conflict");
  EXPECT_TRUE(store_->CompleteAttempt(second->front().id, "p2", Failed(1, 9000), 6500).ok());
  auto d = store_->GetDelivery(1, "evt_a");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->attempts, 1);
  EXPECT_EQ(d->state, DeliveryState::kPending);
  EXPECT_EQ(d->next_attempt_at_ms, 9000);
  EXPECT_EQ(d->last_status_code, 500);
}

TEST_P(WebhookStoreTest, RetryIsNotDueBeforeItsTimeAndAttemptsAreKept) {
  ASSERT_TRUE(store_->Enqueue(Delivery(1, "evt_a")).ok());
  auto c = store_->ClaimDue("p", 1000, 5000, 1);
  ASSERT_TRUE(store_->CompleteAttempt(c->front().id, "p", Failed(1, 3000), 1100).ok());
  EXPECT_TRUE(store_->ClaimDue("p", 2999, 5000, 1)->empty());
  c = store_->ClaimDue("p", 3000, 5000, 1);
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ(c->front().attempts, 1);
  AttemptOutcome ok;
  ok.attempt.number = 2;
  ok.attempt.started_at_ms = 3000;
  ok.attempt.status_code = 204;
  ok.next_state = DeliveryState::kDelivered;
  ASSERT_TRUE(store_->CompleteAttempt(c->front().id, "p", ok, 3010).ok());
  EXPECT_TRUE(store_->ClaimDue("p", 100000, 5000, 1)->empty());
  EXPECT_FALSE(store_->NextDueAt()->has_value());
  auto attempts = store_->ListAttempts(c->front().id);
  ASSERT_EQ(attempts->size(), 2u);
  EXPECT_EQ((*attempts)[0].status_code, 500);
  EXPECT_EQ((*attempts)[1].status_code, 204);
  auto d = store_->GetDelivery(1, "evt_a");
  EXPECT_EQ(d->state, DeliveryState::kDelivered);
  EXPECT_EQ(d->completed_at_ms, 3010);
}

TEST_P(WebhookStoreTest, ReleasedLeasesAreClaimableAtOnce) {
  ASSERT_TRUE(store_->Enqueue(Delivery(1, "evt_a")).ok());
  ASSERT_EQ(store_->ClaimDue("p1", 1000, 60000, 1)->size(), 1u);
  ASSERT_TRUE(store_->ReleaseLeases("p1").ok());
  EXPECT_EQ(store_->ClaimDue("p2", 1000, 60000, 1)->size(), 1u);
}

TEST_P(WebhookStoreTest, AccountsSeeOnlyTheirOwnDeliveries) {
  ASSERT_TRUE(store_->Enqueue(Delivery(1, "evt_a")).ok());
  ASSERT_TRUE(store_->Enqueue(Delivery(2, "evt_b")).ok());
  EXPECT_EQ(store_->GetDelivery(2, "evt_a").error().code, "not_found");
  int total = 0;
  auto listed = store_->ListDeliveries(2, {}, &total);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().public_id, "evt_b");
  DeliveryFilter f;
  f.state = DeliveryState::kDelivered;
  EXPECT_TRUE(store_->ListDeliveries(1, f, &total)->empty());
  f = {};
  f.job_id = 8;
  EXPECT_TRUE(store_->ListDeliveries(1, f, &total)->empty());
  f.job_id = 7;
  EXPECT_EQ(store_->ListDeliveries(1, f, &total)->size(), 1u);
}

TEST_P(WebhookStoreTest, SecretIsCreatedOnceAndRotates) {
  EXPECT_EQ(store_->GetSecret(1).error().code, "not_found");
  EXPECT_EQ(*store_->GetOrCreateSecret(1, "first", 1), "first");
  EXPECT_EQ(*store_->GetOrCreateSecret(1, "second", 2), "first");
  ASSERT_TRUE(store_->SetSecret(1, "rotated", 3).ok());
  EXPECT_EQ(*store_->GetSecret(1), "rotated");
  EXPECT_EQ(store_->GetSecret(2).error().code, "not_found");
}

TEST_P(WebhookStoreTest, OutboxSurvivesReopening) {
  ASSERT_TRUE(store_->Enqueue(Delivery(1, "evt_a")).ok());
  store_.reset();
  auto reopened = Open();
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->ClaimDue("p", 1000, 1000, 5)->size(), 1u);
}

// Two server processes are two stores with their own pools on one database. Both claim in a
// loop from two threads each until nothing is due: every delivery is leased exactly once.
TEST(PostgresWebhookStoreTest, ConcurrentClaimsFromTwoProcessesLeaseEachDeliveryOnce) {
  const std::string url = shortlist::testing::FreshPostgresDatabase();
  ASSERT_FALSE(url.empty());
  auto a = OpenPostgresWebhookStore(url);
  auto b = OpenPostgresWebhookStore(url);
  ASSERT_TRUE(a.ok() && b.ok());
  constexpr int kDeliveries = 120;
  for (int i = 0; i < kDeliveries; ++i) {
    ASSERT_TRUE(*(*a)->Enqueue(Delivery(1 + i % 3, "evt_" + std::to_string(i), "", 1000 + i)));
  }
  std::mutex mu;
  std::map<std::int64_t, int> claims;  // delivery id -> times leased
  std::atomic<int> errors{0};
  auto claimer = [&](WebhookStore& store, const std::string& owner) {
    for (;;) {
      auto got = store.ClaimDue(owner, 100000, 600000, 7);
      if (!got.ok()) {
        ++errors;
        return;
      }
      if (got->empty()) return;
      std::lock_guard<std::mutex> lock(mu);
      for (const auto& d : *got) ++claims[d.id];
    }
  };
  std::vector<std::thread> threads;
  threads.emplace_back(claimer, std::ref(**a), "a1");
  threads.emplace_back(claimer, std::ref(**a), "a2");
  threads.emplace_back(claimer, std::ref(**b), "b1");
  threads.emplace_back(claimer, std::ref(**b), "b2");
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(claims.size(), static_cast<std::size_t>(kDeliveries));
  for (const auto& [id, times] : claims) EXPECT_EQ(times, 1) << "delivery " << id;
  // Nothing is left to claim by anyone while the leases last.
  EXPECT_TRUE((*a)->ClaimDue("late", 100000, 600000, 100)->empty());
  EXPECT_TRUE((*b)->ClaimDue("late", 100000, 600000, 100)->empty());
}

// A claim that completes in one process is seen by the other: the attempt is recorded once and
// the delivery is no longer due anywhere.
TEST(PostgresWebhookStoreTest, AnAttemptCompletedInOneProcessIsSeenByTheOther) {
  const std::string url = shortlist::testing::FreshPostgresDatabase();
  ASSERT_FALSE(url.empty());
  auto a = OpenPostgresWebhookStore(url);
  auto b = OpenPostgresWebhookStore(url);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->Enqueue(Delivery(1, "evt_a")).ok());
  auto claimed = (*b)->ClaimDue("b", 1000, 5000, 10);
  ASSERT_EQ(claimed->size(), 1u);
  Status foreign = (*a)->CompleteAttempt(claimed->front().id, "a", Failed(1, 0), 1100);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, "conflict");
  ASSERT_TRUE((*a)->CompleteAttempt(claimed->front().id, "b", Failed(1, 0), 1100).ok());
  auto seen = (*b)->GetDelivery(1, "evt_a");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->state, DeliveryState::kFailed);
  EXPECT_EQ(seen->attempts, 1);
  EXPECT_FALSE((*b)->NextDueAt()->has_value());
  EXPECT_EQ((*b)->ListAttempts(claimed->front().id)->size(), 1u);
}

}  // namespace
}  // namespace shortlist::store
