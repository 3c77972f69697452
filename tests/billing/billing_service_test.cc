// Stripe through BillingService: the checkout request, webhook crediting exactly once, and
// auto-reload, against an in-memory Stripe (FakeStripeHttp).
#include <future>

#include <nlohmann/json.hpp>

#include "billing/billing_service.h"
#include "billing/stripe_signature.h"
#include "common/clock.h"
#include "common/task_pool.h"
#include "fakes.h"

namespace shortlist::billing {
namespace {

using nlohmann::json;
using testing::FakeStripeHttp;
using testing::TempDatabase;

constexpr const char* kWebhookSecret = "whsec_unit";

std::string Header(const net::HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

net::HttpResponse Answer(int status, const json& body) {
  net::HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

class StripeBillingTest : public ::testing::TestWithParam<std::string> {
 protected:
  StripeBillingTest()
      : http_([this](const net::HttpRequest& r) { return Respond(r); }),
        stripe_(http_, StripeConfig{"sk_test_123", kWebhookSecret, "http://stripe.local"}),
        service_(db_.billing(), clock_, BillingOptions{}, &stripe_, nullptr) {}

  net::HttpResponse Respond(const net::HttpRequest& r) {
    if (r.url.ends_with("/v1/checkout/sessions")) {
      return Answer(200, {{"id", "cs_test_1"},
                          {"url", "https://checkout.stripe.com/c/pay/cs_test_1"},
                          {"expires_at", 1700086400}});
    }
    if (r.url.ends_with("/v1/payment_intents")) {
      return Answer(
          200, {{"id", "pi_reload_" + std::to_string(++intents_)}, {"status", intent_status_}});
    }
    return Answer(404, {{"error", {{"message", "no such route"}}}});
  }

  Result<StripeWebhookResult> Deliver(const json& event) {
    std::string payload = event.dump();
    return service_.HandleStripeWebhook(
        SignStripePayload(payload, kWebhookSecret, clock_.NowMillis() / 1000), payload);
  }

  json CheckoutCompleted(const std::string& event_id, const std::string& session,
                         const std::string& pack) {
    return {
        {"id", event_id},
        {"type", "checkout.session.completed"},
        {"data",
         {{"object",
           {{"id", session},
            {"object", "checkout.session"},
            {"payment_status", "paid"},
            {"amount_total", FindPack(pack)->price_cents},
            {"metadata", {{"account_id", std::to_string(db_.account().id)}, {"pack", pack}}}}}}}};
  }

  json IntentSucceeded(const std::string& event_id, const std::string& intent,
                       const std::string& purpose, const std::string& pack) {
    return {{"id", event_id},
            {"type", "payment_intent.succeeded"},
            {"data",
             {{"object",
               {{"id", intent},
                {"customer", "cus_1"},
                {"payment_method", "pm_1"},
                {"metadata",
                 {{"account_id", std::to_string(db_.account().id)},
                  {"purpose", purpose},
                  {"pack", pack}}}}}}}};
  }

  std::int64_t Balance() { return db_.billing().GetBalance(db_.account().id)->credits; }
  model::Principal User() {
    model::Principal p;
    p.account = db_.account();
    p.token_id = 1;
    return p;
  }

  TempDatabase db_{GetParam()};
  FakeClock clock_{1700000000000};
  int intents_ = 0;
  std::string intent_status_ = "succeeded";
  FakeStripeHttp http_;
  StripeClient stripe_;
  BillingService service_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StripeBillingTest, testing::kBackends, testing::BackendName);

TEST_P(StripeBillingTest, CheckoutCreatesASessionWithTheSecretKeyAndThePacksPrice) {
  auto session = service_.Checkout(db_.account(), *FindPack("satchel"), "https://app/ok",
                                   "https://app/cancel");
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->id, "cs_test_1");
  EXPECT_EQ(session->url, "https://checkout.stripe.com/c/pay/cs_test_1");
  auto sent = http_.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].url, "http://stripe.local/v1/checkout/sessions");
  EXPECT_EQ(Header(sent[0], "Authorization"), "Bearer sk_test_123");
  EXPECT_EQ(Header(sent[0], "Content-Type"), "application/x-www-form-urlencoded");
  const std::string& body = sent[0].body;
  const std::string account = std::to_string(db_.account().id);
  for (const std::string& field : std::vector<std::string>{
           "mode=payment", "line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=2500",
           "line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=usd",
           "line_items%5B0%5D%5Bquantity%5D=1", "success_url=https%3A%2F%2Fapp%2Fok",
           "cancel_url=https%3A%2F%2Fapp%2Fcancel", "metadata%5Bpack%5D=satchel",
           std::string("metadata%5Baccount_id%5D=") + account,
           std::string("client_reference_id=") + account}) {
    EXPECT_NE(body.find(field), std::string::npos) << field << " not in " << body;
  }
  // No card is saved unless auto-reload is on.
  EXPECT_EQ(body.find("setup_future_usage"), std::string::npos);
}

TEST_P(StripeBillingTest, CheckoutWithoutAStripeKeyIsAClearError) {
  StripeClient unconfigured(http_, StripeConfig{});
  BillingService s(db_.billing(), clock_, {}, &unconfigured, nullptr);
  auto session = s.Checkout(db_.account(), *FindPack("pouch"), "https://a/", "https://a/");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().code, "unavailable");
  EXPECT_NE(session.error().message.find("credits grant"), std::string::npos);
  EXPECT_TRUE(http_.requests().empty());
}

TEST_P(StripeBillingTest, StripeErrorsCarryStripesMessage) {
  FakeStripeHttp failing([](const net::HttpRequest&) {
    return Answer(401, {{"error", {{"message", "Invalid API Key provided"}}}});
  });
  StripeClient stripe(failing, StripeConfig{"sk_bad", "", "http://stripe.local"});
  BillingService s(db_.billing(), clock_, {}, &stripe, nullptr);
  auto session = s.Checkout(db_.account(), *FindPack("pouch"), "https://a/", "https://a/");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().code, "stripe_error");
  EXPECT_NE(session.error().message.find("Invalid API Key"), std::string::npos);
}

TEST_P(StripeBillingTest, ACompletedCheckoutCreditsThePackOncePerEventAndPerSession) {
  auto first = Deliver(CheckoutCompleted("evt_1", "cs_test_1", "satchel"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->credited, 2750);
  EXPECT_FALSE(first->duplicate);
  EXPECT_EQ(Balance(), 2750);

  auto replay = Deliver(CheckoutCompleted("evt_1", "cs_test_1", "satchel"));
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->duplicate);
  EXPECT_EQ(replay->credited, 0);
  // A second event about the same session (e.g. async_payment_succeeded) pays nothing twice.
  auto same_session = Deliver(CheckoutCompleted("evt_2", "cs_test_1", "satchel"));
  ASSERT_TRUE(same_session.ok());
  EXPECT_EQ(same_session->credited, 0);
  EXPECT_EQ(Balance(), 2750);

  int total = 0;
  auto rows = db_.billing().ListLedger(db_.account().id, {}, &total);
  ASSERT_EQ(total, 2);
  EXPECT_EQ((*rows)[1].kind, "purchase");
  EXPECT_EQ((*rows)[1].credits, 2500);
  EXPECT_EQ((*rows)[1].reference, "cs_test_1");
  EXPECT_EQ((*rows)[0].kind, "bonus");
  EXPECT_EQ((*rows)[0].credits, 250);
  EXPECT_EQ((*rows)[0].balance_after, 2750);
  EXPECT_EQ(db_.billing().GetBalance(db_.account().id)->largest_purchase_cents, 2500);
}

TEST_P(StripeBillingTest, BadSignaturesAndUnpaidSessionsCreditNothing) {
  std::string payload = CheckoutCompleted("evt_9", "cs_9", "chest").dump();
  auto forged = service_.HandleStripeWebhook(
      SignStripePayload(payload, "whsec_attacker", clock_.NowMillis() / 1000), payload);
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, "bad_request");
  auto stale = service_.HandleStripeWebhook(
      SignStripePayload(payload, kWebhookSecret, clock_.NowMillis() / 1000 - 301), payload);
  EXPECT_FALSE(stale.ok());
  json unpaid = CheckoutCompleted("evt_10", "cs_10", "chest");
  unpaid["data"]["object"]["payment_status"] = "unpaid";
  auto pending = Deliver(unpaid);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->credited, 0);
  EXPECT_EQ(Balance(), 0);
}

TEST_P(StripeBillingTest, AutoReloadChargesTheSavedCardOnceWhenTheBalanceFallsBelowThreshold) {
  ASSERT_TRUE(service_.SetAutoReload(db_.account().id, true, "pouch").ok());
  // A checkout while auto-reload is on saves the card...
  ASSERT_TRUE(
      service_.Checkout(db_.account(), *FindPack("chest"), "https://a/", "https://a/").ok());
  EXPECT_NE(http_.requests()[0].body.find("setup_future_usage%5D=off_session"), std::string::npos);
  ASSERT_TRUE(Deliver(CheckoutCompleted("evt_1", "cs_test_1", "chest")).ok());
  ASSERT_TRUE(Deliver(IntentSucceeded("evt_2", "pi_checkout", "checkout", "")).ok());
  auto saved = db_.billing().GetAutoReload(db_.account().id);
  EXPECT_EQ(saved->stripe_customer_id, "cus_1");
  EXPECT_EQ(saved->stripe_payment_method_id, "pm_1");
  EXPECT_EQ(Balance(), 12000);

  // ...threshold = max($1, 5% of $100) = $5 = 500 credits.
  ASSERT_TRUE(service_.ChargeForJob(User(), 11500, "big job").ok());  // 500: not below
  EXPECT_EQ(http_.requests().size(), 1u);
  ASSERT_TRUE(service_.ChargeForJob(User(), 1, "one more").ok());  // 499: reload
  auto sent = http_.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].url, "http://stripe.local/v1/payment_intents");
  for (const char* field :
       {"amount=500", "currency=usd", "customer=cus_1", "payment_method=pm_1", "off_session=true",
        "confirm=true", "metadata%5Bpurpose%5D=auto_reload"}) {
    EXPECT_NE(sent[1].body.find(field), std::string::npos) << field;
  }
  EXPECT_FALSE(Header(sent[1], "Idempotency-Key").empty());
  EXPECT_EQ(Balance(), 999);  // the Pouch's 500 credited at once

  // Stripe's webhook for the same PaymentIntent finds it paid already.
  auto webhook = Deliver(IntentSucceeded("evt_3", "pi_reload_1", "auto_reload", "pouch"));
  ASSERT_TRUE(webhook.ok());
  EXPECT_EQ(webhook->credited, 0);
  EXPECT_EQ(Balance(), 999);
}

TEST_P(StripeBillingTest, OnlyOneReloadIsInFlightUntilStripeSettlesIt) {
  ASSERT_TRUE(service_.SetAutoReload(db_.account().id, true, "satchel").ok());
  ASSERT_TRUE(Deliver(IntentSucceeded("evt_1", "pi_checkout", "checkout", "")).ok());
  intent_status_ = "processing";
  ASSERT_TRUE(service_.ChargeForJob(User(), 10, "a").ok());  // below $1: reload starts
  ASSERT_TRUE(service_.ChargeForJob(User(), 10, "b").ok());  // in flight: no second one
  ASSERT_EQ(http_.requests().size(), 1u);
  EXPECT_EQ(Balance(), -20);
  auto settled = Deliver(IntentSucceeded("evt_2", "pi_reload_1", "auto_reload", "satchel"));
  ASSERT_TRUE(settled.ok());
  EXPECT_EQ(settled->credited, 2750);
  EXPECT_EQ(Balance(), 2730);
  ASSERT_TRUE(service_.ChargeForJob(User(), 2700, "c").ok());  // below again: a new reload
  EXPECT_EQ(http_.requests().size(), 2u);
}

TEST_P(StripeBillingTest, WithAPoolTheChargeDoesNotWaitForStripe) {
  ASSERT_TRUE(service_.SetAutoReload(db_.account().id, true, "satchel").ok());
  ASSERT_TRUE(Deliver(IntentSucceeded("evt_1", "pi_checkout", "checkout", "")).ok());
  {
    TaskPool pool(1, 4);
    service_.RunReloadsOn(&pool);
    // The pool's one thread is busy until released: a reload waits for it, the charge does not.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    ASSERT_TRUE(pool.TrySubmit([released] { released.wait(); }));
    ASSERT_TRUE(service_.ChargeForJob(User(), 10, "a").ok());  // below $1: a reload is due
    EXPECT_TRUE(http_.requests().empty()) << "the charge called Stripe itself";
    release.set_value();
  }  // the pool runs what it holds, then joins
  service_.RunReloadsOn(nullptr);
  ASSERT_EQ(http_.requests().size(), 1u);
  EXPECT_EQ(http_.requests()[0].url, "http://stripe.local/v1/payment_intents");
  EXPECT_EQ(Balance(), 2740);  // the Satchel's 2750 credited once Stripe answered
}

TEST_P(StripeBillingTest, AutoReloadDisabledOrWithoutACardNeverCallsStripe) {
  ASSERT_TRUE(service_.ChargeForJob(User(), 10, "a").ok());
  ASSERT_TRUE(service_.SetAutoReload(db_.account().id, true, "pouch").ok());
  ASSERT_TRUE(service_.ChargeForJob(User(), 10, "b").ok());  // enabled, but no saved card
  EXPECT_TRUE(http_.requests().empty());
}

}  // namespace
}  // namespace shortlist::billing
