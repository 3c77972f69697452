// The dispatcher against a scripted HttpClient and a fake clock: signed sends, retries at the
// backoff time (not before), giving up after max_attempts, transport errors and SSRF refusals
// counted as failed attempts, and the outbox resuming in a new dispatcher (a restart).
#include "webhooks/dispatcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fake_http_client.h"
#include "temp_db.h"
#include "webhooks/backoff.h"
#include "webhooks/outbox_sink.h"
#include "webhooks/signing.h"

namespace shortlist::webhooks {
namespace {

using testing::FakeHttpClient;
using testing::HeaderOf;
using testing::TempDb;

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::OpenSqliteWebhookStore(db_.path()).value();
    options_.max_attempts = 3;
    options_.retry_base_ms = 1000;
    options_.retry_max_ms = 10000;
    options_.timeout_ms = 2000;
    options_.owner_id = "test";
  }
  std::unique_ptr<DeliveryDispatcher> MakeDispatcher() {
    // Jitter fixed at the top of the window: delays are exactly base * 2^(n-1).
    return std::make_unique<DeliveryDispatcher>(*store_, http_, clock_, options_,
                                                [] { return 1.0; });
  }
  void PublishOne(std::int64_t account = 5) {
    OutboxSink sink(*store_, clock_, nullptr);
    Event e{account, "https://receiver.example/hook", "job.completed", R"({"job_id":42})",
            "job:42:job.completed"};
    ASSERT_TRUE(sink.Publish(e).ok());
  }
  store::WebhookDelivery Only(std::int64_t account = 5) {
    int total = 0;
    auto list = store_->ListDeliveries(account, {}, &total);
    EXPECT_EQ(list->size(), 1u);
    return list->front();
  }

  TempDb db_;
  std::unique_ptr<store::WebhookStore> store_;
  FakeHttpClient http_;
  FakeClock clock_{1774692000000};
  WebhookOptions options_;
};

TEST_F(DispatcherTest, SendsTheStoredBodySignedWithTheAccountSecret) {
  PublishOne();
  auto d = MakeDispatcher();
  EXPECT_EQ(d->RunOnce(), 1);
  auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  const auto delivery = Only();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://receiver.example/hook");
  EXPECT_EQ(r.body, delivery.body);
  EXPECT_EQ(r.max_redirects, 0);
  EXPECT_EQ(r.timeout, std::chrono::milliseconds(2000));
  auto secret = store_->GetSecret(5);
  ASSERT_TRUE(secret.ok()) << "the first send creates the account's secret";
  EXPECT_EQ(HeaderOf(r, "X-Webhook-Signature"), Sign(*secret, r.body));
  EXPECT_EQ(HeaderOf(r, "X-Webhook-Id"), delivery.public_id);
  EXPECT_EQ(HeaderOf(r, "X-Webhook-Timestamp"), "1774692000");
  EXPECT_EQ(delivery.state, store::DeliveryState::kDelivered);
  EXPECT_EQ(delivery.attempts, 1);
}

TEST_F(DispatcherTest, RetriesAfterAFailureAtTheBackoffTimeNotBefore) {
  PublishOne();
  http_.AnswerStatus(500, "down for maintenance");
  auto d = MakeDispatcher();
  EXPECT_EQ(d->RunOnce(), 1);
  auto delivery = Only();
  EXPECT_EQ(delivery.state, store::DeliveryState::kPending);
  EXPECT_EQ(delivery.last_status_code, 500);
  EXPECT_EQ(delivery.next_attempt_at_ms, clock_.NowMillis() + 1000);

  clock_.Advance(999);
  EXPECT_EQ(d->RunOnce(), 0) << "sent before the retry was due";
  clock_.Advance(1);
  EXPECT_EQ(d->RunOnce(), 1);
  delivery = Only();
  EXPECT_EQ(delivery.state, store::DeliveryState::kDelivered);
  EXPECT_EQ(delivery.attempts, 2);
  auto attempts = store_->ListAttempts(delivery.id);
  ASSERT_EQ(attempts->size(), 2u);
  EXPECT_EQ((*attempts)[0].error, "HTTP 500");
  EXPECT_EQ((*attempts)[0].response_excerpt, "down for maintenance");
  EXPECT_EQ((*attempts)[1].status_code, 200);
  // The same event both times: receivers deduplicate by the id.
  auto requests = http_.requests();
  EXPECT_EQ(HeaderOf(requests[0], "X-Webhook-Id"), HeaderOf(requests[1], "X-Webhook-Id"));
  EXPECT_EQ(requests[0].body, requests[1].body);
}

TEST_F(DispatcherTest, GivesUpAfterMaxAttempts) {
  PublishOne();
  http_.AnswerStatus(503);
  http_.Script(Error::Make("fetch_timeout", "no answer within 2000 ms"));
  http_.Script(Error::Make("url_refused", "127.0.0.1 is a loopback address"));
  auto d = MakeDispatcher();
  EXPECT_EQ(d->RunOnce(), 1);
  clock_.Advance(1000);  // first retry: base
  EXPECT_EQ(d->RunOnce(), 1);
  EXPECT_EQ(Only().next_attempt_at_ms, clock_.NowMillis() + 2000);  // doubled
  clock_.Advance(2000);
  EXPECT_EQ(d->RunOnce(), 1);
  auto delivery = Only();
  EXPECT_EQ(delivery.state, store::DeliveryState::kFailed);
  EXPECT_EQ(delivery.attempts, 3);
  EXPECT_EQ(delivery.last_status_code, 0);
  EXPECT_NE(delivery.last_error.find("url_refused"), std::string::npos);
  auto attempts = store_->ListAttempts(delivery.id);
  ASSERT_EQ(attempts->size(), 3u);
  EXPECT_EQ((*attempts)[0].status_code, 503);
  EXPECT_NE((*attempts)[1].error.find("fetch_timeout"), std::string::npos);
  clock_.Advance(3'600'000);
  EXPECT_EQ(d->RunOnce(), 0) << "a failed delivery is not retried";
  EXPECT_EQ(http_.requests().size(), 3u);
}

TEST_F(DispatcherTest, RotatedSecretSignsTheRetry) {
  PublishOne();
  http_.AnswerStatus(500);
  auto d = MakeDispatcher();
  d->RunOnce();
  ASSERT_TRUE(store_->SetSecret(5, "whsec_new", clock_.NowMillis()).ok());
  clock_.Advance(1000);
  d->RunOnce();
  auto r = http_.requests().back();
  EXPECT_EQ(HeaderOf(r, "X-Webhook-Signature"), Sign("whsec_new", r.body));
}

TEST_F(DispatcherTest, PendingRetryResumesInANewDispatcher) {
  PublishOne();
  http_.AnswerStatus(500);
  MakeDispatcher()->RunOnce();  // the process that failed once, then went away
  store_ = store::OpenSqliteWebhookStore(db_.path()).value();
  auto restarted = MakeDispatcher();
  EXPECT_EQ(restarted->RunOnce(), 0);
  clock_.Advance(1000);
  EXPECT_EQ(restarted->RunOnce(), 1);
  EXPECT_EQ(Only().state, store::DeliveryState::kDelivered);
}

TEST_F(DispatcherTest, AnotherDispatcherSkipsALeasedDelivery) {
  PublishOne();
  // A first process claimed the delivery and is still sending (or died mid-send).
  ASSERT_EQ(store_->ClaimDue("other-process", clock_.NowMillis(), 7000, 1)->size(), 1u);
  auto d = MakeDispatcher();
  EXPECT_EQ(d->RunOnce(), 0);
  clock_.Advance(7000);  // its lease expired: the attempt is made again here
  EXPECT_EQ(d->RunOnce(), 1);
  EXPECT_EQ(http_.requests().size(), 1u);
}

TEST_F(DispatcherTest, ThreadsDeliverWhatIsPublished) {
  // Real time here: the threads sleep on a condition variable that Publish wakes.
  options_.threads = 2;
  options_.poll_ms = 60000;  // so only the notification can explain a prompt delivery
  DeliveryDispatcher d(*store_, http_, SystemClock(), options_);
  OutboxSink sink(*store_, SystemClock(), [&] { d.Notify(); });
  d.Start();
  for (int i = 0; i < 5; ++i) {
    Event e{5, "https://receiver.example/hook", "job.completed", R"({"job_id":1})",
            "k" + std::to_string(i)};
    ASSERT_TRUE(sink.Publish(e).ok());
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (http_.requests().size() < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  d.Stop();
  EXPECT_EQ(http_.requests().size(), 5u);
  store::DeliveryFilter f;
  f.state = store::DeliveryState::kDelivered;
  int total = 0;
  ASSERT_TRUE(store_->ListDeliveries(5, f, &total).ok());
  EXPECT_EQ(total, 5);
}

}  // namespace
}  // namespace shortlist::webhooks
