// Issue #24: buying credits the way HireSquire's clients do -- a direct purchase with a saved
// card (credited once however often it is retried), a PaymentIntent for a browser to confirm,
// checkout by amount, auto-reload with {threshold, amount, payment_method_id} -- against a local
// Stripe stand-in that answers like Stripe and honours its Idempotency-Key.
#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <mutex>

#include "common/crypto.h"
#include "http_client.h"
#include "loopback_server.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using net::testing::LoopbackServer;
using net::testing::ServerRequest;
using nlohmann::json;

constexpr const char* kStripeKey = "sk_test_clients";
constexpr const char* kWebhookSecret = "whsec_clients";

std::map<std::string, std::string> FormFields(const std::string& body) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    const std::string pair = body.substr(start, amp - start);
    const std::size_t eq = pair.find('=');
    std::string key = pair.substr(0, eq),
                value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    for (std::string* s : {&key, &value}) {  // %5B -> [ and the like
      std::string decoded;
      for (std::size_t i = 0; i < s->size(); ++i) {
        if ((*s)[i] == '%' && i + 2 < s->size()) {
          decoded += static_cast<char>(std::stoi(s->substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          decoded += (*s)[i];
        }
      }
      *s = decoded;
    }
    out[key] = value;
    start = amp + 1;
  }
  return out;
}

// api.stripe.com as far as these payments go: payment methods (pm_saved belongs to cus_1,
// pm_other to cus_2, pm_loose to no one), PaymentIntents (succeeded when confirmed; one per
// Idempotency-Key, as Stripe replays), Checkout Sessions.
class FakeStripe {
 public:
  FakeStripe()
      : server_([this](const ServerRequest& r) {
          std::lock_guard<std::mutex> lock(mu_);
          if (r.Header("Authorization") != std::string("Bearer ") + kStripeKey) {
            return Json(401, R"({"error":{"message":"Invalid API Key provided"}})");
          }
          if (r.method == "GET" && r.path == "/v1/payment_methods/pm_saved") {
            return Json(200, R"({"id":"pm_saved","object":"payment_method","customer":"cus_1"})");
          }
          if (r.method == "GET" && r.path == "/v1/payment_methods/pm_other") {
            return Json(200, R"({"id":"pm_other","object":"payment_method","customer":"cus_2"})");
          }
          if (r.method == "GET" && r.path == "/v1/payment_methods/pm_loose") {
            return Json(200, R"({"id":"pm_loose","object":"payment_method","customer":null})");
          }
          if (r.method == "POST" && r.path == "/v1/payment_intents") {
            const std::string key = r.Header("Idempotency-Key");
            if (!key.empty() && replies_.count(key)) return replies_[key];
            intents_.push_back(FormFields(r.body));
            const auto& f = intents_.back();
            const std::string id = "pi_" + std::to_string(intents_.size());
            const std::string status = f.count("confirm") ? "succeeded" : "requires_payment_method";
            std::string reply = Json(200, json{{"id", id},
                                               {"object", "payment_intent"},
                                               {"amount", std::stoll(f.at("amount"))},
                                               {"status", status},
                                               {"client_secret", id + "_secret_x"}}
                                              .dump());
            if (!key.empty()) replies_[key] = reply;
            return reply;
          }
          if (r.method == "POST" && r.path == "/v1/checkout/sessions") {
            sessions_.push_back(FormFields(r.body));
            return Json(200, R"({"id":"cs_test_1","url":"https://checkout.stripe.com/c/cs_test_1",)"
                             R"("expires_at":1900000000})");
          }
          return Json(404, R"({"error":{"message":"Unrecognized request URL"}})");
        }) {}

  static std::string Json(int status, const std::string& body) {
    return LoopbackServer::Reply(status, body, {{"Content-Type", "application/json"}});
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  std::vector<std::map<std::string, std::string>> intents() {
    std::lock_guard<std::mutex> lock(mu_);
    return intents_;
  }
  std::vector<std::map<std::string, std::string>> sessions() {
    std::lock_guard<std::mutex> lock(mu_);
    return sessions_;
  }

 private:
  std::mutex mu_;
  std::vector<std::map<std::string, std::string>> intents_;
  std::vector<std::map<std::string, std::string>> sessions_;
  std::map<std::string, std::string> replies_;
  LoopbackServer server_;
};

json Event(const std::string& id, const std::string& type, const json& object) {
  return {{"id", id}, {"object", "event"}, {"type", type}, {"data", {{"object", object}}}};
}

class OfficialPaymentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        dir_.path(),
        std::vector<std::string>{"--log-level", "warn", "--stripe-secret-key", kStripeKey,
                                 "--stripe-api-base", stripe_.base(), "--stripe-webhook-secret",
                                 kWebhookSecret, "--url-allow-list", "127.0.0.1"});
    ASSERT_FALSE(server_->url().empty());
    client_ = std::make_unique<HttpClient>(server_->url(), server_->first_token());
  }
  double Balance() { return client_->Get("/api/v1/credits/balance").json()["balance"]; }
  // The user's first checkout paid with pm_saved and saved it (setup_future_usage) to cus_1:
  // the Stripe event that tells the server so. Only then is pm_saved this account's card.
  void SaveCardByCheckout() {
    HttpResult saved =
        Webhook(Event("evt_saved_card", "payment_intent.succeeded",
                      {{"id", "pi_checkout"},
                       {"object", "payment_intent"},
                       {"customer", "cus_1"},
                       {"payment_method", "pm_saved"},
                       {"metadata", {{"account_id", "1"}, {"purpose", "checkout"}}}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
  }
  HttpResult Webhook(const json& event) {
    const std::string payload = event.dump();
    const std::string t = std::to_string(std::time(nullptr));
    return HttpClient(server_->url(), "")
        .Send("POST", "/api/v1/credits/webhook/stripe", payload,
              {{"Stripe-Signature",
                "t=" + t + ",v1=" + HmacSha256Hex(kWebhookSecret, t + "." + payload)}});
  }

  FakeStripe stripe_;
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(OfficialPaymentsTest, APurchaseChargesTheSavedCardAndCreditsOnceHoweverRetried) {
  ASSERT_NO_FATAL_FAILURE(SaveCardByCheckout());
  const json body = {{"pack", "satchel"}, {"payment_method_id", "pm_saved"}};
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "buy-1"}};
  HttpResult bought = client_->Send("POST", "/api/v1/credits/purchase", body.dump(), key);
  ASSERT_EQ(bought.status, 200) << bought.body;
  json b = bought.json();
  EXPECT_EQ(b["success"], true);
  EXPECT_EQ(b["credited"], true);
  EXPECT_EQ(b["credits_added"], 2750);
  EXPECT_DOUBLE_EQ(b["balance"].get<double>(), 27.5);  // the CLI prints "New balance"
  ASSERT_EQ(stripe_.intents().size(), 1u);
  const auto intent = stripe_.intents()[0];
  EXPECT_EQ(intent.at("amount"), "2500");
  EXPECT_EQ(intent.at("customer"), "cus_1");
  EXPECT_EQ(intent.at("payment_method"), "pm_saved");
  EXPECT_EQ(intent.at("confirm"), "true");
  EXPECT_EQ(intent.at("off_session"), "true");
  EXPECT_EQ(intent.at("metadata[purpose]"), "purchase");

  // The client retries (same key): the first answer, no second payment or credit.
  HttpResult retried = client_->Send("POST", "/api/v1/credits/purchase", body.dump(), key);
  EXPECT_EQ(retried.status, 200);
  EXPECT_EQ(retried.json()["payment_intent_id"], b["payment_intent_id"]);
  EXPECT_EQ(stripe_.intents().size(), 1u);
  // Stripe's webhook for the same payment finds it credited.
  HttpResult hook = Webhook(
      Event("evt_buy_1", "payment_intent.succeeded",
            {{"id", b["payment_intent_id"]},
             {"object", "payment_intent"},
             {"amount_received", 2500},
             {"metadata", {{"account_id", "1"}, {"purpose", "purchase"}, {"pack", "satchel"}}}}));
  ASSERT_EQ(hook.status, 200) << hook.body;
  EXPECT_EQ(hook.json()["credited"], 0);
  EXPECT_EQ(hook.json()["duplicate"], true);
  EXPECT_DOUBLE_EQ(Balance(), 27.5);
  json balance = client_->Get("/api/v1/credits/balance").json();
  EXPECT_EQ(balance["total_purchased"], 25);

  // An amount buys amount x 100 credits; one equal to a pack's price buys the pack.
  HttpResult custom = client_->Post("/api/v1/credits/purchase",
                                    {{"amount", 12.5}, {"payment_method_id", "pm_saved"}});
  ASSERT_EQ(custom.status, 200) << custom.body;
  EXPECT_EQ(custom.json()["credits_added"], 1250);
  HttpResult pack_price =
      client_->Post("/api/v1/credits/purchase", {{"amount", 5}, {"payment_method_id", "pm_saved"}});
  EXPECT_EQ(pack_price.json()["pack"]["id"], "pouch");
  EXPECT_DOUBLE_EQ(Balance(), 27.5 + 12.5 + 5);
}

TEST_F(OfficialPaymentsTest, APurchaseValidatesItsAmountAndCard) {
  ASSERT_NO_FATAL_FAILURE(SaveCardByCheckout());
  auto errors = [&](const json& body) {
    HttpResult r = client_->Post("/api/v1/credits/purchase", body);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["errors"];
  };
  EXPECT_TRUE(errors({{"amount", 3}, {"payment_method_id", "pm_saved"}}).contains("amount"));
  EXPECT_TRUE(errors({{"amount", 5.001}, {"payment_method_id", "pm_saved"}}).contains("amount"));
  EXPECT_TRUE(errors({{"pack", "sack"}, {"payment_method_id", "pm_saved"}}).contains("pack"));
  EXPECT_TRUE(errors({{"pack", "pouch"}}).contains("payment_method_id"));
  EXPECT_TRUE(errors({{"payment_method_id", "pm_saved"}}).contains("pack"));
  EXPECT_TRUE(errors({{"pack", "pouch"}, {"payment_method_id", "../v1/charges"}})
                  .contains("payment_method_id"));
  EXPECT_TRUE(stripe_.intents().empty());
  EXPECT_DOUBLE_EQ(Balance(), 0);
}

TEST_F(OfficialPaymentsTest, APaymentIntentIsCreditedByTheWebhookOnce) {
  HttpResult intent = client_->Post("/api/v1/credits/payment-intent",
                                    {{"amount", 25}, {"return_url", "https://example.com/done"}});
  ASSERT_EQ(intent.status, 200) << intent.body;
  json i = intent.json();
  EXPECT_EQ(i["client_secret"], i["payment_intent_id"].get<std::string>() + "_secret_x");
  EXPECT_EQ(intent.headers["cache-control"], "no-store");
  EXPECT_DOUBLE_EQ(Balance(), 0);  // nothing until Stripe says it is paid
  const json paid =
      Event("evt_pi_1", "payment_intent.succeeded",
            {{"id", i["payment_intent_id"]},
             {"object", "payment_intent"},
             {"amount_received", 2500},
             {"metadata", {{"account_id", "1"}, {"purpose", "purchase"}, {"pack", "satchel"}}}});
  HttpResult first = Webhook(paid);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["credited"], 2750);
  HttpResult replay = Webhook(paid);
  EXPECT_EQ(replay.json()["duplicate"], true);
  EXPECT_DOUBLE_EQ(Balance(), 27.5);
}

TEST_F(OfficialPaymentsTest, CheckoutTakesAnAmountAndItsWebhookCreditsWhatWasPaid) {
  HttpResult checkout = client_->Post("/api/v1/credits/checkout", {{"amount", 7.5}});
  ASSERT_EQ(checkout.status, 200) << checkout.body;
  json c = checkout.json();
  EXPECT_TRUE(c["checkout_url"].is_string());
  EXPECT_EQ(c["amount"], 7.5);
  EXPECT_TRUE(c["expires_at"].is_string());
  ASSERT_EQ(stripe_.sessions().size(), 1u);
  EXPECT_EQ(stripe_.sessions()[0].at("line_items[0][price_data][unit_amount]"), "750");
  HttpResult hook = Webhook(Event("evt_cs_1", "checkout.session.completed",
                                  {{"id", "cs_test_1"},
                                   {"payment_status", "paid"},
                                   {"amount_total", 750},
                                   {"metadata", {{"account_id", "1"}, {"pack", "custom"}}}}));
  ASSERT_EQ(hook.status, 200) << hook.body;
  EXPECT_EQ(hook.json()["credited"], 750);
  EXPECT_DOUBLE_EQ(Balance(), 7.5);
  EXPECT_EQ(client_->Post("/api/v1/credits/checkout", {{"amount", 2}}).status, 422);
}

TEST_F(OfficialPaymentsTest, AutoReloadTakesThresholdAmountAndACard) {
  ASSERT_NO_FATAL_FAILURE(SaveCardByCheckout());
  HttpResult enabled =
      client_->Post("/api/v1/credits/auto-reload/enable",
                    {{"threshold", 10}, {"amount", 25}, {"payment_method_id", "pm_saved"}});
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  json r = enabled.json()["auto_reload"];
  EXPECT_EQ(r["amount"], 25);
  EXPECT_TRUE(r["threshold"].is_number());
  EXPECT_EQ(r["requested_threshold"], 10);
  EXPECT_EQ(r["payment_method_saved"], true);
  json balance = client_->Get("/api/v1/credits/balance").json();
  EXPECT_EQ(balance["auto_reload_enabled"], true);
  EXPECT_EQ(balance["auto_reload_amount"], 25);
  HttpResult odd =
      client_->Post("/api/v1/credits/auto-reload/enable",
                    {{"threshold", 10}, {"amount", 12}, {"payment_method_id", "pm_saved"}});
  EXPECT_EQ(odd.status, 422) << odd.body;
  HttpResult loose = client_->Post("/api/v1/credits/auto-reload/enable",
                                   {{"amount", 5}, {"payment_method_id", "pm_loose"}});
  EXPECT_EQ(loose.status, 422) << loose.body;
  EXPECT_TRUE(loose.json()["errors"].contains("payment_method_id"));
}

// Every account shares the server's Stripe account: a pm_ id of another customer (another
// account's card) or of none is never charged, whatever route names it.
TEST_F(OfficialPaymentsTest, OnlyACardSavedToThisAccountIsCharged) {
  auto refused = [&](const std::string& path, const json& body) {
    HttpResult r = client_->Post(path, body);
    EXPECT_EQ(r.status, 422) << path << " " << body << ": " << r.body;
    EXPECT_TRUE(r.json()["errors"].contains("payment_method_id")) << r.body;
  };
  // No checkout yet: not even pm_saved is this account's.
  refused("/api/v1/credits/purchase", {{"pack", "pouch"}, {"payment_method_id", "pm_saved"}});
  ASSERT_NO_FATAL_FAILURE(SaveCardByCheckout());
  for (const char* card : {"pm_other", "pm_loose"}) {
    refused("/api/v1/credits/purchase", {{"pack", "pouch"}, {"payment_method_id", card}});
    refused("/api/v1/credits/payment-intent",
            {{"amount", 5}, {"payment_method_id", card}, {"return_url", "https://example.com/"}});
    refused("/api/v1/credits/auto-reload/enable", {{"amount", 5}, {"payment_method_id", card}});
  }
  EXPECT_TRUE(stripe_.intents().empty());
  EXPECT_DOUBLE_EQ(Balance(), 0);
  // Another account with no card of its own cannot use this one's either.
  HttpClient other(server_->url(), CreateToken(dir_.path(), "other", "standard"));
  HttpResult theirs = other.Post("/api/v1/credits/purchase",
                                 {{"pack", "pouch"}, {"payment_method_id", "pm_saved"}});
  EXPECT_EQ(theirs.status, 422) << theirs.body;
  EXPECT_TRUE(stripe_.intents().empty());
}

TEST(OfficialPaymentsWithoutStripeTest, PurchasesSayPaymentsAreNotConfigured) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  EXPECT_EQ(
      client.Post("/api/v1/credits/purchase", {{"pack", "pouch"}, {"payment_method_id", "pm_x"}})
          .status,
      503);
  EXPECT_EQ(client.Post("/api/v1/credits/payment-intent", {{"amount", 5}}).status, 503);
  HttpResult key = client.Post("/api/v1/agent-keys", {{"name", "bot"}});
  HttpClient agent(server.url(), key.json()["key"]["key"].get<std::string>());
  EXPECT_EQ(
      agent.Post("/api/v1/credits/purchase", {{"pack", "pouch"}, {"payment_method_id", "pm_x"}})
          .status,
      403);
}

}  // namespace
}  // namespace shortlist::testing
