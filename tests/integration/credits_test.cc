// Credits over real HTTP against the real binary: balance, packs and ledger shapes, the
// administrator's grant, Stripe Checkout through a local Stripe stand-in that checks what it is
// sent, a signed Stripe webhook crediting exactly once, usage-webhook configuration, token
// validation, and concurrent jobs against an enforced balance.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <mutex>
#include <thread>

#include "common/crypto.h"
#include "fixtures.h"
#include "http_client.h"
#include "loopback_server.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using net::testing::LoopbackServer;
using net::testing::ServerRequest;
using nlohmann::json;

constexpr const char* kStripeKey = "sk_test_integration";
constexpr const char* kWebhookSecret = "whsec_integration";

int Grant(const std::string& data_dir, const std::string& account, int credits, std::string* out) {
  return RunCli({"credits", "grant", "--account", account, "--credits", std::to_string(credits),
                 "--note", "test grant", "--data-dir", data_dir},
                out);
}

// A stand-in for api.stripe.com: answers Checkout Session creation like Stripe and keeps the
// requests it saw.
class FakeStripe {
 public:
  FakeStripe()
      : server_([this](const ServerRequest& r) {
          std::lock_guard<std::mutex> lock(mu_);
          requests_.push_back(r);
          if (r.method == "POST" && r.path == "/v1/checkout/sessions") {
            if (r.Header("Authorization") != std::string("Bearer ") + kStripeKey) {
              return LoopbackServer::Reply(401,
                                           R"({"error":{"message":"Invalid API Key provided"}})",
                                           {{"Content-Type", "application/json"}});
            }
            return LoopbackServer::Reply(
                200,
                R"({"id":"cs_test_abc","object":"checkout.session",)"
                R"("url":"https://checkout.stripe.com/c/pay/cs_test_abc","expires_at":1900000000})",
                {{"Content-Type", "application/json"}});
          }
          return LoopbackServer::Reply(404, R"({"error":{"message":"Unrecognized request URL"}})");
        }) {}

  std::string base() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  std::vector<ServerRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  std::mutex mu_;
  std::vector<ServerRequest> requests_;
  LoopbackServer server_;
};

std::vector<std::string> StripeArgs(const std::string& api_base) {
  return {"--log-level",       "warn",     "--stripe-secret-key",     kStripeKey,
          "--stripe-api-base", api_base,   "--stripe-webhook-secret", kWebhookSecret,
          "--url-allow-list",  "127.0.0.1"};
}

json CheckoutCompletedEvent(const std::string& event_id, std::int64_t account_id,
                            const std::string& pack) {
  return {{"id", event_id},
          {"object", "event"},
          {"type", "checkout.session.completed"},
          {"data",
           {{"object",
             {{"id", "cs_test_abc"},
              {"object", "checkout.session"},
              {"payment_status", "paid"},
              {"amount_total", 2500},
              {"currency", "usd"},
              {"metadata", {{"account_id", std::to_string(account_id)}, {"pack", pack}}}}}}}};
}

// Stripe's signature, computed here from its documented scheme.
std::string StripeSignature(const std::string& payload, const std::string& secret) {
  std::string t = std::to_string(std::time(nullptr));
  return "t=" + t + ",v1=" + HmacSha256Hex(secret, t + "." + payload);
}

TEST(CreditsTest, AFreshInstallHasAZeroBalanceThreePacksAndAnEmptyLedger) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());

  HttpResult balance = client.Get("/api/v1/credits/balance");
  ASSERT_EQ(balance.status, 200) << balance.body;
  json b = balance.json();
  EXPECT_EQ(b["success"], true);
  EXPECT_EQ(b["balance"], 0);
  EXPECT_EQ(b["formatted_balance"], "$0.00");
  EXPECT_EQ(b["currency"], "USD");
  EXPECT_EQ(b["auto_reload_enabled"], false);
  EXPECT_EQ(b["enforcement_enabled"], false);

  HttpResult packs = client.Get("/api/v1/credits/packs");
  ASSERT_EQ(packs.status, 200);
  json p = packs.json()["packs"];
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0]["name"], "Pouch");
  EXPECT_EQ(p[0]["price"], 5);
  EXPECT_EQ(p[0]["credits"], 500);
  EXPECT_EQ(p[1]["name"], "Satchel");
  EXPECT_EQ(p[1]["price"], 25);
  EXPECT_EQ(p[1]["credits"], 2750);
  EXPECT_EQ(p[1]["bonus_credits"], 250);
  EXPECT_EQ(p[2]["name"], "Chest");
  EXPECT_EQ(p[2]["price"], 100);
  EXPECT_EQ(p[2]["credits"], 12000);
  EXPECT_EQ(p[2]["bonus_percent"], 20);

  HttpResult ledger = client.Get("/api/v1/credits/transactions");
  ASSERT_EQ(ledger.status, 200);
  EXPECT_TRUE(ledger.json()["transactions"].empty());
  EXPECT_EQ(ledger.json()["total"], 0);
  EXPECT_EQ(client.Get("/api/v1/credits/transactions?type=bogus").status, 422);
}

TEST(CreditsTest, TheAdministratorsGrantShowsInBalanceAndLedger) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  std::string out;
  ASSERT_EQ(Grant(dir.path(), "default", 2550, &out), 0) << out;
  EXPECT_NE(out.find("$25.50"), std::string::npos) << out;
  EXPECT_NE(Grant(dir.path(), "nobody", 10, &out), 0);
  ASSERT_EQ(RunCli({"credits", "balance", "--account", "default", "--data-dir", dir.path()}, &out),
            0);
  EXPECT_NE(out.find("2550 credits ($25.50)"), std::string::npos) << out;

  json b = client.Get("/api/v1/credits/balance").json();
  EXPECT_DOUBLE_EQ(b["balance"].get<double>(), 25.50);
  EXPECT_EQ(b["credits"], 2550);
  EXPECT_EQ(b["formatted_balance"], "$25.50");
  EXPECT_EQ(b["is_low"], false);
  json rows = client.Get("/api/v1/credits/transactions").json()["transactions"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["type"], "grant");
  EXPECT_DOUBLE_EQ(rows[0]["amount"].get<double>(), 25.50);
  EXPECT_DOUBLE_EQ(rows[0]["balance_after"].get<double>(), 25.50);
  EXPECT_EQ(rows[0]["description"], "test grant");
  EXPECT_TRUE(rows[0]["created_at"].is_string());
}

TEST(CreditsTest, CheckoutWithoutStripeConfiguredIsAClearError) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  HttpResult r = client.Post("/api/v1/credits/checkout", {{"pack", "pouch"}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.json()["success"], false);
  EXPECT_NE(r.json()["error"].get<std::string>().find("credits grant"), std::string::npos);
  EXPECT_EQ(client.Post("/api/v1/credits/checkout", {{"pack", "sack"}}).status, 422);
}

TEST(CreditsTest, CheckoutCreatesAStripeSessionAndTheSignedWebhookCreditsOnce) {
  FakeStripe stripe;
  TempDir dir;
  ServerProcess server(dir.path(), StripeArgs(stripe.base()));
  HttpClient client(server.url(), server.first_token());

  HttpResult r = client.Post("/api/v1/credits/checkout",
                             {{"pack", "satchel"}, {"success_url", "https://app.example/done"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["checkout_url"], "https://checkout.stripe.com/c/pay/cs_test_abc");
  EXPECT_EQ(r.json()["session_id"], "cs_test_abc");
  EXPECT_EQ(r.json()["pack"]["credits"], 2750);
  auto sent = stripe.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].Header("Authorization"), std::string("Bearer ") + kStripeKey);
  EXPECT_NE(sent[0].Header("Content-Type").find("application/x-www-form-urlencoded"),
            std::string::npos);
  json validate = client.Get("/api/v1/schema/validate").json();
  const std::int64_t account_id = validate["user"]["id"];
  for (const std::string& field :
       {std::string("mode=payment"),
        std::string("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=2500"),
        std::string("line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=usd"),
        std::string("success_url=https%3A%2F%2Fapp.example%2Fdone"), std::string("cancel_url="),
        std::string("metadata%5Bpack%5D=satchel"),
        "metadata%5Baccount_id%5D=" + std::to_string(account_id),
        "client_reference_id=" + std::to_string(account_id)}) {
    EXPECT_NE(sent[0].body.find(field), std::string::npos) << field << " in " << sent[0].body;
  }

  // Stripe calls back when the customer has paid.
  const std::string payload = CheckoutCompletedEvent("evt_1", account_id, "satchel").dump();
  HttpClient stripe_caller(server.url(), "");
  HttpResult forged =
      stripe_caller.Send("POST", "/api/v1/credits/webhook/stripe", payload,
                         {{"Stripe-Signature", StripeSignature(payload, "whsec_wrong")}});
  EXPECT_EQ(forged.status, 400) << forged.body;
  EXPECT_EQ(client.Get("/api/v1/credits/balance").json()["credits"], 0);

  const std::string signature = StripeSignature(payload, kWebhookSecret);
  HttpResult first = stripe_caller.Send("POST", "/api/v1/credits/webhook/stripe", payload,
                                        {{"Stripe-Signature", signature}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["credited"], 2750);
  HttpResult replay = stripe_caller.Send("POST", "/api/v1/credits/webhook/stripe", payload,
                                         {{"Stripe-Signature", signature}});
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.json()["duplicate"], true);
  EXPECT_EQ(replay.json()["credited"], 0);

  json b = client.Get("/api/v1/credits/balance").json();
  EXPECT_EQ(b["credits"], 2750);
  EXPECT_DOUBLE_EQ(b["balance"].get<double>(), 27.50);
  json rows = client.Get("/api/v1/credits/transactions").json()["transactions"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["type"], "bonus");
  EXPECT_EQ(rows[0]["credits"], 250);
  EXPECT_DOUBLE_EQ(rows[0]["balance_after"].get<double>(), 27.50);
  EXPECT_EQ(rows[1]["type"], "purchase");
  EXPECT_EQ(rows[1]["reference"], "cs_test_abc");
}

TEST(CreditsTest, AutoReloadAndUsageWebhookSettingsRoundTrip) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  HttpResult on = client.Post("/api/v1/credits/auto-reload/enable", {{"pack", "chest"}});
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(on.json()["auto_reload_enabled"], true);
  EXPECT_EQ(on.json()["pack"]["id"], "chest");
  EXPECT_EQ(on.json()["payment_method_saved"], false);
  EXPECT_EQ(client.Get("/api/v1/credits/balance").json()["auto_reload_enabled"], true);
  EXPECT_EQ(client.Get("/api/v1/schema/validate").json()["credits"]["auto_reload_enabled"], true);
  HttpResult off = client.Send("POST", "/api/v1/credits/auto-reload/disable", "");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(client.Get("/api/v1/credits/balance").json()["auto_reload_enabled"], false);

  HttpResult bad = client.Post("/api/v1/credits/webhook/configure",
                               {{"url", "ftp://x"}, {"events", {"daily_limit", "nope"}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["errors"].contains("url"));
  EXPECT_TRUE(bad.json()["errors"].contains("events.1"));
  HttpResult set = client.Post(
      "/api/v1/credits/webhook/configure",
      {{"url", "https://agent.example/usage"}, {"events", {"threshold_reached", "low_balance"}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["webhook_url"], "https://agent.example/usage");
  EXPECT_EQ(set.json()["events"], json::array({"agent.usage_threshold_reached", "low_balance"}));
  EXPECT_EQ(client.Get("/api/v1/credits/webhook").json()["webhook_url"],
            "https://agent.example/usage");
}

TEST(CreditsTest, SchemaValidateNamesTheUserAndCreditsAndChargesNothing) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  std::string out;
  ASSERT_EQ(Grant(dir.path(), "default", 2550, &out), 0) << out;
  HttpClient client(server.url(), server.first_token());
  for (int i = 0; i < 3; ++i) {
    HttpResult r = client.Get("/api/v1/schema/validate");
    ASSERT_EQ(r.status, 200) << r.body;
    json v = r.json();
    EXPECT_EQ(v["valid"], true);
    EXPECT_TRUE(v["user"]["id"].is_number_integer());
    EXPECT_EQ(v["user"]["name"], "default");
    EXPECT_TRUE(v["user"].contains("email"));
    EXPECT_DOUBLE_EQ(v["credits"]["balance"].get<double>(), 25.50);
    EXPECT_EQ(v["credits"]["formatted_balance"], "$25.50");
    EXPECT_EQ(v["credits"]["is_low"], false);
    EXPECT_EQ(v["credits"]["auto_reload_enabled"], false);
  }
  EXPECT_EQ(client.Get("/api/v1/credits/transactions").json()["total"], 1);
  EXPECT_EQ(HttpClient(server.url(), "sl_nope").Get("/api/v1/schema/validate").status, 401);
}

TEST(CreditsTest, TwentyConcurrentJobsAgainstABalanceForTenAcceptExactlyTen) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn", "--workers", "0", "--enforce-credits"});
  std::string out;
  ASSERT_EQ(Grant(dir.path(), "default", 10, &out), 0) << out;
  HttpClient client(server.url(), server.first_token());
  const json job = {
      {"title", kPythonJobTitle},
      {"description", kPythonJob},
      {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}}})}};
  std::atomic<int> accepted{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      HttpResult r = client.Post("/api/v1/jobs", job);
      if (r.status == 202) {
        ++accepted;
      } else if (r.status == 402) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 10);
  EXPECT_EQ(refused.load(), 10);
  EXPECT_EQ(other.load(), 0);
  json b = client.Get("/api/v1/credits/balance").json();
  EXPECT_EQ(b["credits"], 0);
  json charges = client.Get("/api/v1/credits/transactions?type=charge").json();
  EXPECT_EQ(charges["total"], 10);
  for (const auto& row : charges["transactions"]) EXPECT_GE(row["balance_after"], 0);
}

}  // namespace
}  // namespace shortlist::testing
