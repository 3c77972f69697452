// Issue #24, end to end: one session of HireSquire's Node CLI (1.2.x) pointed at Shortlist
// (HIRESQUIRE_BASE_URL=<server>/api/v1), command after command in the order a new user runs
// them. Each step sends what that command sends and reads exactly the fields it prints; a
// field it would print as `undefined` (or a crash on a missing object) fails here.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

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

// One session's state, carried from command to command as the user would carry it.
class OfficialCliSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        dir_.path(),
        std::vector<std::string>{"--log-level", "warn", "--url-allow-list", "127.0.0.1"});
    ASSERT_FALSE(server_->url().empty());
    cli_ = std::make_unique<Cli>(server_->url(), server_->first_token());
  }
  std::string Job() const { return "/jobs/" + std::to_string(job_); }

  // init / configure: testConnection() lists one job.
  void Configure() { EXPECT_TRUE(cli_->Get("/jobs?per_page=1")["jobs"].is_array()); }

  // screen -r folder/ --watch: POST /jobs, then poll the status's progress until completed.
  void ScreenAndWatch() {
    json created = cli_->Send("POST", "/jobs", ThreeResumeJob(), 202, {{"Idempotency-Key", "u-1"}});
    EXPECT_PRINTS(created, "job_id");
    EXPECT_PRINTS(created, "status");
    EXPECT_PRINTS(created, "status_url");
    job_ = created["job_id"];
    json status;
    for (int i = 0; i < 1500; ++i) {
      status = cli_->Get(Job());
      ASSERT_TRUE(status["progress"].is_number_integer()) << status;
      if (status["status"] == "completed" || status["status"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(status["status"], "completed");
    EXPECT_EQ(status["progress"], 100);
  }

  // results -j N --min-score 1 --only-top-n 3 (and the summary it prints first)
  void Results() {
    json results = cli_->Get(Job() + "/results?min_score=1&only_top_n=3");
    for (const char* f : {"job_title", "status", "screened_at", "total_candidates"}) {
      EXPECT_PRINTS(results, f);
    }
    ASSERT_FALSE(results["candidates"].empty());
    for (const auto& c : results["candidates"]) {
      for (const char* f : {"name", "score", "summary", "interview_questions"}) EXPECT_PRINTS(c, f);
    }
    EXPECT_PRINTS(cli_->Get(Job() + "/results"), "agent_summary");
    best_ = results["candidates"][0]["id"];
    best_global_ = results["candidates"][0]["global_id"];
  }

  // email -j N -c ID -t invite -m "..." / compare -j N -c 1,2,3 / outcome -j N -c ID -o hired
  void EmailCompareOutcome() {
    json email =
        cli_->Send("POST", Job() + "/generate-email",
                   {{"candidate_id", best_}, {"type", "invite"}, {"custom_message", "See you!"}});
    for (const char* f : {"candidate_id", "email_type", "subject", "body"}) EXPECT_PRINTS(email, f);
    EXPECT_NE(email["body"].get<std::string>().find("See you!"), std::string::npos);
    json compared = cli_->Get(Job() + "/compare?ids=1,2,3");
    EXPECT_PRINTS(compared["comparison"], "top_candidate");
    EXPECT_PRINTS(compared["comparison"], "score_diff");
    for (const auto& c : compared["candidates"]) EXPECT_PRINTS(c, "summary");
    EXPECT_PRINTS(
        cli_->Send("POST", Job() + "/outcome", {{"candidate_id", best_}, {"outcome", "hired"}}),
        "message");
  }

  // candidate -i ID / set-status -i ID -s shortlisted
  void CandidateAndSetStatus() {
    json candidate = cli_->Get("/candidates/" + std::to_string(best_global_));
    for (const char* f : {"name", "score", "email", "status", "summary"}) {
      EXPECT_PRINTS(candidate, f);
    }
    json set = cli_->Send("PATCH", "/candidates/" + std::to_string(best_global_) + "/status",
                          {{"status", "shortlisted"}});
    EXPECT_EQ(set["success"], true);
    EXPECT_EQ(set["candidate"]["status"], "shortlisted");
  }

  // agent-keys: create, list, show, usage, regenerate, revoke
  void AgentKeys() {
    json key = cli_->Send("POST", "/agent-keys",
                          {{"name", "Claude"},
                           {"monthly_spend_limit", 50.0},
                           {"daily_spend_limit", nullptr},
                           {"lifetime_spend_limit", nullptr},
                           {"permissions", {"read", "write", "screen", "email", "bulk"}}},
                          201);
    EXPECT_PRINTS(key["key"], "key");
    EXPECT_PRINTS(key["key"], "key_prefix");
    const std::string path = "/agent-keys/" + std::to_string(key["key"]["id"].get<int>());
    const char* const kShown[] = {"name",      "key_prefix",  "is_active",
                                  "day_spent", "month_spent", "total_spent"};
    const json listed = cli_->Get("/agent-keys");  // named: a temporary's member would dangle
    for (const auto& k : listed["keys"]) {
      for (const char* f : kShown) EXPECT_PRINTS(k, f);
    }
    json shown = cli_->Get(path)["key"];
    for (const char* f : kShown) EXPECT_PRINTS(shown, f);
    json usage = cli_->Get(path + "/usage")["usage"];
    for (const char* f : {"day_spent", "month_spent", "total_spent", "month_start_date"}) {
      EXPECT_PRINTS(usage, f);
    }
    EXPECT_TRUE(usage["remaining_daily"].is_null());  // the CLI skips the line when null
    json regenerated = cli_->Send("POST", path + "/regenerate", nullptr);
    EXPECT_PRINTS(regenerated["data"]["key"], "key");
    cli_->Send("DELETE", path, nullptr);
  }

  // credits: balance, list-packs, transactions; estimate; schema
  void CreditsEstimateSchema() {
    json balance = cli_->Get("/credits/balance");
    for (const char* f :
         {"formatted_balance", "total_purchased", "total_spent", "auto_reload_enabled"}) {
      EXPECT_PRINTS(balance, f);
    }
    const json packs = cli_->Get("/credits/packs");
    for (const auto& p : packs["packs"]) {
      for (const char* f : {"id", "price", "credits"}) EXPECT_PRINTS(p, f);
    }
    const json transactions = cli_->Get("/credits/transactions?limit=20");
    for (const auto& t : transactions["transactions"]) {
      for (const char* f : {"amount", "balance_after", "created_at"}) EXPECT_PRINTS(t, f);
    }
    json estimate = cli_->Get("/credits/estimate?candidate_count=10");
    for (const char* f : {"candidate_count", "cost_per_candidate", "total_cost"}) {
      EXPECT_PRINTS(estimate, f);
    }
    json schema = cli_->Get("/schema");
    EXPECT_PRINTS(schema, "version");
    for (const auto& ep : schema["endpoints"]) {
      for (const char* f : {"path", "methods", "description"}) EXPECT_PRINTS(ep, f);
    }
  }

  // mcp: the proxy posts each stdin line and prints the answer.
  void Mcp() {
    json init = cli_->Send(
        "POST", "/mcp",
        {{"jsonrpc", "2.0"},
         {"id", 1},
         {"method", "initialize"},
         {"params", {{"protocolVersion", "2024-11-05"}, {"capabilities", json::object()}}}});
    EXPECT_EQ(init["result"]["protocolVersion"], "2024-11-05");
    json tools =
        cli_->Send("POST", "/mcp", {{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}});
    EXPECT_FALSE(tools["result"]["tools"].empty());
  }

  // screen -z resumes.zip
  void ScreenZip() {
    const std::string zip = ingest::testing::MakeZip(
        {{"resumes/alice.txt", kStrongResume}, {"resumes/bob.txt", kMiddleResume}});
    HttpResult uploaded = cli_->http().Send("POST", "/jobs/upload-zip",
                                            MultipartBody({{"title", kPythonJobTitle, ""},
                                                           {"description", kPythonJob, ""},
                                                           {"leniency_level", "5", ""},
                                                           {"zip_file", zip, "resumes.zip"}}),
                                            MultipartHeaders("zip-session"));
    ASSERT_EQ(uploaded.status, 202) << uploaded.body;
    EXPECT_PRINTS(uploaded.json(), "job_id");
  }

  // jobs --status completed / rate-limit / webhook-test
  void JobsRateLimitWebhookTest() {
    const json jobs = cli_->Get("/jobs?status=completed&page=1&per_page=10");
    for (const auto& row : jobs["jobs"]) {
      for (const char* f : {"id", "title", "status", "total_candidates", "created_at"}) {
        EXPECT_PRINTS(row, f);
      }
    }
    json limit = cli_->Get("/rate-limit");
    for (const char* f : {"limit", "remaining", "reset_at", "reset_in_seconds"}) {
      EXPECT_PRINTS(limit, f);
    }
    json hook = cli_->Send("POST", "/webhooks/test", {{"url", "http://127.0.0.1:1/hook"}});
    EXPECT_EQ(hook["success"], false);  // nothing listens on port 1
    EXPECT_PRINTS(hook, "message");
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Cli> cli_;
  std::int64_t job_ = 0;
  std::int64_t best_ = 0;         // the best candidate's per-job id
  std::int64_t best_global_ = 0;  // ... and its account-wide id
};

TEST_F(OfficialCliSessionTest, ANewUserRunsEveryCommandAgainstShortlist) {
  Configure();
  ASSERT_NO_FATAL_FAILURE(ScreenAndWatch());
  ASSERT_NO_FATAL_FAILURE(Results());
  EmailCompareOutcome();
  CandidateAndSetStatus();
  AgentKeys();
  CreditsEstimateSchema();
  Mcp();
  ScreenZip();
  JobsRateLimitWebhookTest();
}

}  // namespace
}  // namespace shortlist::testing
