// Webhooks end to end: the real server delivers job events to a real HTTP receiver in the test,
// which checks every signature itself with OpenSSL's HMAC() and the secret the API handed out.
// Retries after a 500, a pending retry that survives a killed server, /webhooks/test, and
// tenant isolation of the delivery log.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "fixtures.h"
#include "http_client.h"
#include "loopback_server.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using net::testing::LoopbackServer;
using net::testing::ServerRequest;
using nlohmann::json;

// Hex HMAC-SHA256, computed here independently of the product's own helper.
std::string HmacHex(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

// A webhook endpoint: records every request and answers the scripted statuses in order, then
// `fallback`.
class Receiver {
 public:
  std::vector<ServerRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  // The requests whose body's "event" is `event`.
  std::vector<ServerRequest> Events(const std::string& event) {
    std::vector<ServerRequest> out;
    for (auto& r : requests()) {
      json body = json::parse(r.body, nullptr, false);
      if (body.is_object() && body.value("event", "") == event) out.push_back(r);
    }
    return out;
  }
  void Script(std::initializer_list<int> statuses) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.insert(script_.end(), statuses);
  }
  void SetFallback(int status) {
    std::lock_guard<std::mutex> lock(mu_);
    fallback_ = status;
  }
  std::string Url() const { return server_.Url("/hooks/shortlist"); }

 private:
  std::string Answer(const ServerRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(r);
    int status = fallback_;
    if (!script_.empty()) {
      status = script_.front();
      script_.pop_front();
    }
    return LoopbackServer::Reply(status, status == 418 ? "I'm a teapot" : "ack");
  }

  std::mutex mu_;
  std::vector<ServerRequest> requests_;
  std::deque<int> script_;
  int fallback_ = 200;
  LoopbackServer server_{[this](const ServerRequest& r) { return Answer(r); }};
};

bool WaitFor(const std::function<bool()>& done, int seconds = 30) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return done();
}

// Short retry delays so a test sees several attempts in a second or two.
std::vector<std::string> ServerArgs() {
  return {"--url-allow-list",
          "127.0.0.1/32",
          "--webhook-retry-base-ms",
          "200",
          "--webhook-retry-max-ms",
          "800",
          "--webhook-max-attempts",
          "6",
          "--webhook-timeout-ms",
          "3000",
          "--log-level",
          "warn"};
}

// An enterprise token (no rate limit: the tests poll).
std::string Token(const TempDir& dir, const std::string& account) {
  std::string token;
  EXPECT_EQ(RunCli({"token", "create", "--account", account, "--plan", "enterprise", "--data-dir",
                    dir.path()},
                   &token),
            0);
  token.erase(token.find_last_not_of("\n ") + 1);
  return token;
}

json Job(const std::string& webhook_url, const json& conditions) {
  json job = {{"title", kPythonJobTitle},
              {"description", kPythonJob},
              {"resumes",
               {{{"filename", "alice.txt"}, {"content", kStrongResume}},
                {{"filename", "bob.txt"}, {"content", kMiddleResume}},
                {{"filename", "carol.txt"}, {"content", kWeakResume}}}},
              {"webhook_url", webhook_url}};
  if (!conditions.is_null()) job["webhook_conditions"] = conditions;
  return job;
}

json Deliveries(const HttpClient& client, const std::string& query) {
  HttpResult r = client.Get("/api/v1/webhooks/deliveries" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

// Every request is a correctly signed POST of a well-formed event.
void ExpectSigned(const ServerRequest& r, const std::string& secret) {
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/hooks/shortlist");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_FALSE(r.Header("user-agent").empty());
  EXPECT_EQ(r.Header("x-webhook-signature"), HmacHex(secret, r.body)) << r.body;
  json body = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << r.body;
  EXPECT_TRUE(body["event"].is_string());
  EXPECT_TRUE(body["timestamp"].is_string());
  EXPECT_TRUE(body["data"].is_object());
  EXPECT_EQ(r.Header("x-webhook-id"), body["id"]);
  const long long sent_at = std::stoll(r.Header("x-webhook-timestamp"));
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_LE(std::llabs(now - sent_at), 300);
}

TEST(WebhooksTest, JobEventsArriveSignedWithTheAccountSecret) {
  TempDir dir;
  const std::string token = Token(dir, "acme");
  Receiver receiver;
  ServerProcess server(dir.path(), ServerArgs());
  HttpClient client(server.url(), token);
  HttpResult secret = client.Get("/api/v1/webhooks/secret");
  ASSERT_EQ(secret.status, 200) << secret.body;
  const std::string key = secret.json()["secret"];
  ASSERT_GE(key.size(), 32u);
  EXPECT_EQ(client.Get("/api/v1/webhooks/secret").json()["secret"], key) << "stable once made";

  HttpResult created =
      client.Post("/api/v1/jobs", Job(receiver.Url(), {{"min_score", 50}, {"only_top_n", 1}}));
  ASSERT_EQ(created.status, 202) << created.body;
  const std::int64_t job_id = created.json()["job_id"];
  ASSERT_TRUE(WaitFor([&] { return !receiver.Events("job.completed").empty(); }))
      << "no job.completed arrived";

  // Which high-score events to expect follows from the results: of the top 1, score >= 50.
  HttpResult results = client.Get("/api/v1/jobs/" + std::to_string(job_id) + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  const json top = results.json()["candidates"][0];
  const std::size_t expected_high = top["score"].get<int>() >= 50 ? 1 : 0;
  ASSERT_EQ(expected_high, 1u) << "the strong resume should pass 50: " << top.dump();
  ASSERT_TRUE(WaitFor([&] { return receiver.requests().size() >= 2 + expected_high; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing more should come

  auto all = receiver.requests();
  EXPECT_EQ(all.size(), 2 + expected_high);
  for (const auto& r : all) ExpectSigned(r, key);
  ASSERT_EQ(receiver.Events("job.processing").size(), 1u);
  json processing = json::parse(receiver.Events("job.processing")[0].body);
  EXPECT_EQ(processing["data"]["job_id"], job_id);
  EXPECT_EQ(processing["data"]["status"], "processing");

  json completed = json::parse(receiver.Events("job.completed")[0].body);
  EXPECT_EQ(completed["data"]["job_id"], job_id);
  EXPECT_EQ(completed["data"]["status"], "completed");
  EXPECT_EQ(completed["data"]["summary"]["total_candidates"], 3);
  EXPECT_EQ(completed["data"]["summary"]["top_score"], top["score"]);
  EXPECT_EQ(completed["data"]["results_url"],
            server.url() + "/api/v1/jobs/" + std::to_string(job_id) + "/results");

  auto high = receiver.Events("high_score_detected");
  ASSERT_EQ(high.size(), 1u);
  json h = json::parse(high[0].body);
  EXPECT_EQ(h["data"]["candidate_id"], top["id"]);
  EXPECT_EQ(h["data"]["score"], top["score"]);

  // The delivery log agrees: three delivered at the first attempt.
  json log = Deliveries(client, "?job_id=" + std::to_string(job_id));
  EXPECT_EQ(log["total"], 2 + expected_high);
  for (const auto& d : log["deliveries"]) {
    EXPECT_EQ(d["status"], "delivered") << d.dump();
    EXPECT_EQ(d["attempt_count"], 1);
    EXPECT_EQ(d["attempts"][0]["status_code"], 200);
  }
}

TEST(WebhooksTest, ConditionEventsLimitWhatIsSent) {
  TempDir dir;
  const std::string token = Token(dir, "acme");
  Receiver receiver;
  ServerProcess server(dir.path(), ServerArgs());
  HttpClient client(server.url(), token);
  HttpResult created =
      client.Post("/api/v1/jobs", Job(receiver.Url(), {{"events", {"job.completed"}}}));
  ASSERT_EQ(created.status, 202) << created.body;
  ASSERT_TRUE(WaitFor([&] { return !receiver.Events("job.completed").empty(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(receiver.requests().size(), 1u);
  EXPECT_EQ(Deliveries(client, "")["total"], 1);
}

TEST(WebhooksTest, FailedDeliveryIsRetriedAndTheAttemptsAreVisible) {
  TempDir dir;
  const std::string token = Token(dir, "acme");
  Receiver receiver;
  receiver.Script({500});
  ServerProcess server(dir.path(), ServerArgs());
  HttpClient client(server.url(), token);
  const std::string key = client.Get("/api/v1/webhooks/secret").json()["secret"];
  HttpResult created =
      client.Post("/api/v1/jobs", Job(receiver.Url(), {{"events", {"job.completed"}}}));
  ASSERT_EQ(created.status, 202) << created.body;
  json delivery;
  ASSERT_TRUE(WaitFor([&] {
    json log = Deliveries(client, "?status=delivered");
    if (log["deliveries"].empty()) return false;
    delivery = log["deliveries"][0];
    return true;
  })) << Deliveries(client, "").dump();
  EXPECT_EQ(delivery["event"], "job.completed");
  EXPECT_EQ(delivery["attempt_count"], 2);
  ASSERT_EQ(delivery["attempts"].size(), 2u);
  EXPECT_EQ(delivery["attempts"][0]["status_code"], 500);
  EXPECT_EQ(delivery["attempts"][0]["ok"], false);
  EXPECT_EQ(delivery["attempts"][1]["status_code"], 200);
  EXPECT_EQ(delivery["last_status_code"], 200);

  auto got = receiver.requests();
  ASSERT_EQ(got.size(), 2u);
  for (const auto& r : got) ExpectSigned(r, key);
  EXPECT_EQ(got[0].body, got[1].body) << "a retry resends the same event";
  EXPECT_EQ(got[0].Header("x-webhook-id"), got[1].Header("x-webhook-id"));

  HttpResult one = client.Get("/api/v1/webhooks/deliveries/" + delivery["id"].get<std::string>());
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json()["payload"]["event"], "job.completed");
}

TEST(WebhooksTest, PendingRetrySurvivesAKilledServer) {
  TempDir dir;
  const std::string token = Token(dir, "acme");
  Receiver receiver;
  receiver.SetFallback(500);  // the receiver is failing
  std::string first_id;
  {
    ServerProcess server(dir.path(), ServerArgs());
    HttpClient client(server.url(), token);
    HttpResult created =
        client.Post("/api/v1/jobs", Job(receiver.Url(), {{"events", {"job.completed"}}}));
    ASSERT_EQ(created.status, 202) << created.body;
    ASSERT_TRUE(WaitFor([&] {
      json log = Deliveries(client, "");
      return !log["deliveries"].empty() && log["deliveries"][0]["attempt_count"] >= 1;
    }));
    json d = Deliveries(client, "")["deliveries"][0];
    EXPECT_EQ(d["status"], "pending");
    EXPECT_FALSE(d["next_attempt_at"].is_null());
    first_id = d["id"];
    server.Kill(SIGKILL);
  }
  const std::size_t failed_before = receiver.requests().size();
  ASSERT_GE(failed_before, 1u);
  receiver.SetFallback(200);  // the receiver recovers while Shortlist is down

  ServerProcess restarted(dir.path(), ServerArgs());
  HttpClient client(restarted.url(), token);
  const std::string key = client.Get("/api/v1/webhooks/secret").json()["secret"];
  ASSERT_TRUE(WaitFor([&] { return Deliveries(client, "?status=delivered")["total"] == 1; }))
      << Deliveries(client, "").dump();
  json d = Deliveries(client, "")["deliveries"][0];
  EXPECT_EQ(d["id"], first_id);
  EXPECT_GE(d["attempt_count"].get<int>(), 2);
  auto got = receiver.requests();
  ASSERT_GT(got.size(), failed_before);
  ExpectSigned(got.back(), key);
  EXPECT_EQ(got.back().Header("x-webhook-id"), first_id);
  EXPECT_EQ(receiver.Events("job.completed").size(), got.size()) << "only the one event";
}

TEST(WebhooksTest, RefusedAddressIsRetriedThenFailedAfterMaxAttempts) {
  TempDir dir;
  const std::string token = Token(dir, "acme");
  ServerProcess server(dir.path(), ServerArgs());
  HttpClient client(server.url(), token);
  // A private address: the SSRF guard refuses every attempt without connecting.
  HttpResult created =
      client.Post("/api/v1/jobs", Job("http://10.1.2.3/hook", {{"events", {"job.completed"}}}));
  ASSERT_EQ(created.status, 202) << created.body;
  ASSERT_TRUE(WaitFor([&] { return Deliveries(client, "?status=failed")["total"] == 1; }))
      << Deliveries(client, "").dump();
  json d = Deliveries(client, "")["deliveries"][0];
  EXPECT_EQ(d["attempt_count"], 6);  // --webhook-max-attempts
  EXPECT_TRUE(d["next_attempt_at"].is_null());
  ASSERT_EQ(d["attempts"].size(), 6u);
  for (const auto& a : d["attempts"]) {
    EXPECT_TRUE(a["status_code"].is_null());
    EXPECT_NE(a["error"].get<std::string>().find("url_refused"), std::string::npos) << a.dump();
  }
}

TEST(WebhooksTest, TestEndpointReportsWhatTheEndpointAnswered) {
  TempDir dir;
  const std::string token = Token(dir, "acme");
  Receiver receiver;
  receiver.Script({418});
  ServerProcess server(dir.path(), ServerArgs());
  HttpClient client(server.url(), token);
  const std::string key = client.Get("/api/v1/webhooks/secret").json()["secret"];

  HttpResult refused = client.Post("/api/v1/webhooks/test", {{"url", receiver.Url()}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(refused.json()["ok"], false);
  EXPECT_EQ(refused.json()["status_code"], 418);
  EXPECT_EQ(refused.json()["response_body"], "I'm a teapot");

  HttpResult accepted = client.Post("/api/v1/webhooks/test", {{"url", receiver.Url()}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["ok"], true);
  EXPECT_EQ(accepted.json()["status_code"], 200);
  EXPECT_TRUE(accepted.json()["duration_ms"].is_number());

  auto got = receiver.Events("webhook.test");
  ASSERT_EQ(got.size(), 2u);
  for (const auto& r : got) ExpectSigned(r, key);
  EXPECT_EQ(got[1].Header("x-webhook-id"), accepted.json()["webhook_id"]);

  // The SSRF guard: private and metadata addresses are refused, as are non-HTTP URLs.
  for (const char* url : {"http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data"}) {
    HttpResult r = client.Post("/api/v1/webhooks/test", {{"url", url}});
    EXPECT_EQ(r.status, 422) << url << " " << r.body;
    EXPECT_TRUE(r.json()["errors"].contains("url")) << r.body;
  }
  EXPECT_EQ(client.Post("/api/v1/webhooks/test", {{"url", "ftp://example.com/x"}}).status, 422);
  EXPECT_EQ(client.Post("/api/v1/webhooks/test", json::object()).status, 422);
  EXPECT_EQ(receiver.requests().size(), 2u);
  // Nothing here went through the outbox.
  EXPECT_EQ(Deliveries(client, "")["total"], 0);
}

TEST(WebhooksTest, AnotherAccountSeesNeitherDeliveriesNorSecret) {
  TempDir dir;
  const std::string owner_token = Token(dir, "acme");
  const std::string other_token = Token(dir, "globex");
  Receiver receiver;
  ServerProcess server(dir.path(), ServerArgs());
  HttpClient owner(server.url(), owner_token);
  HttpClient other(server.url(), other_token);
  HttpResult created =
      owner.Post("/api/v1/jobs", Job(receiver.Url(), {{"events", {"job.completed"}}}));
  ASSERT_EQ(created.status, 202) << created.body;
  ASSERT_TRUE(WaitFor([&] { return Deliveries(owner, "?status=delivered")["total"] == 1; }));
  const std::string id = Deliveries(owner, "")["deliveries"][0]["id"];

  EXPECT_EQ(Deliveries(other, "")["total"], 0);
  EXPECT_TRUE(Deliveries(other, "")["deliveries"].empty());
  HttpResult foreign = other.Get("/api/v1/webhooks/deliveries/" + id);
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  HttpResult missing = other.Get("/api/v1/webhooks/deliveries/evt_000000000000000000000000");
  EXPECT_EQ(foreign.body, missing.body) << "a foreign id reads exactly like a missing one";

  const std::string owner_secret = owner.Get("/api/v1/webhooks/secret").json()["secret"];
  const std::string other_secret = other.Get("/api/v1/webhooks/secret").json()["secret"];
  EXPECT_NE(owner_secret, other_secret);
  // Rotation replaces the secret for later deliveries.
  HttpResult rotated = owner.Post("/api/v1/webhooks/secret/rotate", json::object());
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  EXPECT_NE(rotated.json()["secret"], owner_secret);
  EXPECT_EQ(owner.Get("/api/v1/webhooks/secret").json()["secret"], rotated.json()["secret"]);
}

}  // namespace
}  // namespace shortlist::testing
