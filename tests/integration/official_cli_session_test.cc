// Issue #24, end to end: one session of HireSquire's Node CLI (1.2.x) pointed at Shortlist
// (HIRESQUIRE_BASE_URL=<server>/api/v1), command after command in the order a new user runs
// them. Each step sends what that command sends and reads exactly the fields it prints; a
// field it would print as `undefined` (or a crash on a missing object) fails here.
#include <gtest/gtest.h>

#include "../ingest/fixtures.h"
#include "official_clients.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

// The CLI's axios client: the base URL ends in /api/v1, JSON in and out, a fresh
// Idempotency-Key on `screen`.
class Cli {
 public:
  Cli(const std::string& url, const std::string& token) : http_(url + "/api/v1", token) {}
  json Get(const std::string& path, long want = 200) const {
    HttpResult r = http_.Get(path);
    EXPECT_EQ(r.status, want) << "GET " << path << ": " << r.body;
    return r.json();
  }
  json Send(const std::string& method, const std::string& path, const json& body, long want = 200,
            const std::map<std::string, std::string>& headers = {}) const {
    HttpResult r = http_.Send(method, path, body.is_null() ? "" : body.dump(), headers);
    EXPECT_EQ(r.status, want) << method << " " << path << ": " << r.body;
    return r.json();
  }
  const HttpClient& http() const { return http_; }

 private:
  HttpClient http_;
};

// A value the CLI interpolates into its output: present and not null.
#define EXPECT_PRINTS(object, field)                                  \
  EXPECT_TRUE((object).contains(field) && !(object)[field].is_null()) \
      << "the CLI would print undefined for " << field << " in " << (object).dump(2)

TEST(OfficialCliSessionTest, ANewUserRunsEveryCommandAgainstShortlist) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn", "--url-allow-list", "127.0.0.1"});
  ASSERT_FALSE(server.url().empty());
  Cli cli(server.url(), server.first_token());

  // init / configure: testConnection() lists one job.
  json none = cli.Get("/jobs?per_page=1");
  EXPECT_TRUE(none["jobs"].is_array());

  // screen -r folder/ --watch: POST /jobs, then poll the status's progress until completed.
  json created = cli.Send("POST", "/jobs", ThreeResumeJob(), 202, {{"Idempotency-Key", "u-1"}});
  EXPECT_PRINTS(created, "job_id");
  EXPECT_PRINTS(created, "status");
  EXPECT_PRINTS(created, "status_url");
  const std::int64_t job = created["job_id"];
  json status;
  for (int i = 0; i < 1500; ++i) {
    status = cli.Get("/jobs/" + std::to_string(job));
    ASSERT_TRUE(status["progress"].is_number_integer()) << status;
    if (status["status"] == "completed" || status["status"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(status["status"], "completed");
  EXPECT_EQ(status["progress"], 100);

  // results -j N --min-score 1 --only-top-n 3
  json results = cli.Get("/jobs/" + std::to_string(job) + "/results?min_score=1&only_top_n=3");
  for (const char* f : {"job_title", "status", "screened_at", "total_candidates"}) {
    EXPECT_PRINTS(results, f);
  }
  ASSERT_FALSE(results["candidates"].empty());
  for (const auto& c : results["candidates"]) {
    for (const char* f : {"name", "score", "summary", "interview_questions"}) EXPECT_PRINTS(c, f);
  }
  EXPECT_PRINTS(cli.Get("/jobs/" + std::to_string(job) + "/results"), "agent_summary");  // summary
  const std::int64_t best = results["candidates"][0]["id"];
  const std::int64_t best_global = results["candidates"][0]["global_id"];

  // email -j N -c 1 -t invite -m "..."
  json email =
      cli.Send("POST", "/jobs/" + std::to_string(job) + "/generate-email",
               {{"candidate_id", best}, {"type", "invite"}, {"custom_message", "See you!"}});
  for (const char* f : {"candidate_id", "email_type", "subject", "body"}) EXPECT_PRINTS(email, f);
  EXPECT_NE(email["body"].get<std::string>().find("See you!"), std::string::npos);

  // compare -j N -c 1,2,3
  json compared = cli.Get("/jobs/" + std::to_string(job) + "/compare?ids=1,2,3");
  EXPECT_PRINTS(compared["comparison"], "top_candidate");
  EXPECT_PRINTS(compared["comparison"], "score_diff");
  for (const auto& c : compared["candidates"]) EXPECT_PRINTS(c, "summary");

  // outcome -j N -c 1 -o hired
  EXPECT_PRINTS(cli.Send("POST", "/jobs/" + std::to_string(job) + "/outcome",
                         {{"candidate_id", best}, {"outcome", "hired"}}),
                "message");

  // candidate -i ID / set-status -i ID -s shortlisted
  json candidate = cli.Get("/candidates/" + std::to_string(best_global));
  for (const char* f : {"name", "score", "email", "status", "summary"}) EXPECT_PRINTS(candidate, f);
  json set = cli.Send("PATCH", "/candidates/" + std::to_string(best_global) + "/status",
                      {{"status", "shortlisted"}});
  EXPECT_EQ(set["success"], true);
  EXPECT_EQ(set["candidate"]["status"], "shortlisted");

  // agent-keys: create, list, show, usage, regenerate, revoke
  json key = cli.Send("POST", "/agent-keys",
                      {{"name", "Claude"},
                       {"monthly_spend_limit", 50.0},
                       {"daily_spend_limit", nullptr},
                       {"lifetime_spend_limit", nullptr},
                       {"permissions", {"read", "write", "screen", "email", "bulk"}}},
                      201);
  EXPECT_PRINTS(key["key"], "key");
  EXPECT_PRINTS(key["key"], "key_prefix");
  const std::string id = std::to_string(key["key"]["id"].get<int>());
  for (const auto& k : cli.Get("/agent-keys")["keys"]) {
    for (const char* f :
         {"name", "key_prefix", "is_active", "month_spent", "day_spent", "total_spent"}) {
      EXPECT_PRINTS(k, f);
    }
  }
  json shown = cli.Get("/agent-keys/" + id)["key"];
  for (const char* f :
       {"name", "key_prefix", "is_active", "total_spent", "month_spent", "day_spent"}) {
    EXPECT_PRINTS(shown, f);
  }
  json usage = cli.Get("/agent-keys/" + id + "/usage")["usage"];
  for (const char* f : {"day_spent", "month_spent", "total_spent", "month_start_date"}) {
    EXPECT_PRINTS(usage, f);
  }
  EXPECT_TRUE(usage["remaining_daily"].is_null());  // the CLI skips the line when null
  json regenerated = cli.Send("POST", "/agent-keys/" + id + "/regenerate", nullptr);
  EXPECT_PRINTS(regenerated["data"]["key"], "key");
  cli.Send("DELETE", "/agent-keys/" + id, nullptr);

  // credits: balance, list-packs, transactions; estimate
  json balance = cli.Get("/credits/balance");
  for (const char* f :
       {"formatted_balance", "total_purchased", "total_spent", "auto_reload_enabled"}) {
    EXPECT_PRINTS(balance, f);
  }
  for (const auto& p : cli.Get("/credits/packs")["packs"]) {
    for (const char* f : {"id", "price", "credits"}) EXPECT_PRINTS(p, f);
  }
  for (const auto& t : cli.Get("/credits/transactions?limit=20")["transactions"]) {
    for (const char* f : {"amount", "balance_after", "created_at"}) EXPECT_PRINTS(t, f);
  }
  json estimate = cli.Get("/credits/estimate?candidate_count=10");
  for (const char* f : {"candidate_count", "cost_per_candidate", "total_cost"}) {
    EXPECT_PRINTS(estimate, f);
  }

  // schema
  json schema = cli.Get("/schema");
  EXPECT_PRINTS(schema, "version");
  for (const auto& ep : schema["endpoints"]) {
    for (const char* f : {"path", "methods", "description"}) EXPECT_PRINTS(ep, f);
  }

  // mcp: the proxy posts each stdin line and prints the answer.
  json init =
      cli.Send("POST", "/mcp",
               {{"jsonrpc", "2.0"},
                {"id", 1},
                {"method", "initialize"},
                {"params", {{"protocolVersion", "2024-11-05"}, {"capabilities", json::object()}}}});
  EXPECT_EQ(init["result"]["protocolVersion"], "2024-11-05");
  json tools = cli.Send("POST", "/mcp", {{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}});
  EXPECT_FALSE(tools["result"]["tools"].empty());

  // screen -z resumes.zip
  const std::string zip = ingest::testing::MakeZip(
      {{"resumes/alice.txt", kStrongResume}, {"resumes/bob.txt", kMiddleResume}});
  HttpResult uploaded = cli.http().Send("POST", "/jobs/upload-zip",
                                        MultipartBody({{"title", kPythonJobTitle, ""},
                                                       {"description", kPythonJob, ""},
                                                       {"leniency_level", "5", ""},
                                                       {"zip_file", zip, "resumes.zip"}}),
                                        MultipartHeaders("zip-session"));
  ASSERT_EQ(uploaded.status, 202) << uploaded.body;
  EXPECT_PRINTS(uploaded.json(), "job_id");

  // jobs --status completed / rate-limit / webhook-test
  for (const auto& row : cli.Get("/jobs?status=completed&page=1&per_page=10")["jobs"]) {
    for (const char* f : {"id", "title", "status", "total_candidates", "created_at"}) {
      EXPECT_PRINTS(row, f);
    }
  }
  json limit = cli.Get("/rate-limit");
  for (const char* f : {"limit", "remaining", "reset_at", "reset_in_seconds"}) {
    EXPECT_PRINTS(limit, f);
  }
  json hook = cli.Send("POST", "/webhooks/test", {{"url", "http://127.0.0.1:1/hook"}});
  EXPECT_EQ(hook["success"], false);  // nothing listens on port 1
  EXPECT_PRINTS(hook, "message");
}

}  // namespace
}  // namespace shortlist::testing
