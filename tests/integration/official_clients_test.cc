// Issue #24 over real HTTP: the routes HireSquire's official clients call that the reference
// does not list, and the fields they read under their own names, each checked as the issue's
// table words it (not from our own answers). Payments are in official_payments_test.cc, the
// MCP endpoint in official_mcp_test.cc, a whole CLI session in official_cli_session_test.cc.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include "../ingest/fixtures.h"
#include "loopback_server.h"
#include "official_clients.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using net::testing::LoopbackServer;
using net::testing::ServerRequest;
using nlohmann::json;

class OfficialClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        dir_.path(),
        std::vector<std::string>{"--log-level", "warn", "--url-allow-list", "127.0.0.1"});
    ASSERT_FALSE(server_->url().empty());
    client_ = std::make_unique<HttpClient>(server_->url(), server_->first_token());
  }
  std::int64_t Screen() {
    const std::int64_t id = ScreenAndWait(*client_, ThreeResumeJob());
    EXPECT_GT(id, 0);
    return id;
  }
  std::string JobPath(std::int64_t id) const { return "/api/v1/jobs/" + std::to_string(id); }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(OfficialClientsTest, JobStatusHasProgressAndTheListHasIdsTotalsAndPages) {
  HttpResult created = client_->Post("/api/v1/jobs", ThreeResumeJob());
  ASSERT_EQ(created.status, 202) << created.body;
  const std::int64_t id = created.json()["job_id"];
  std::vector<int> seen;
  json final_status = WaitForJob(*client_, id, &seen);
  ASSERT_EQ(final_status["status"], "completed");
  ASSERT_FALSE(seen.empty()) << "GET /jobs/{id} must carry progress";
  for (int p : seen) EXPECT_TRUE(p >= 0 && p <= 100) << p;
  EXPECT_EQ(final_status["progress"], 100);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));

  const std::int64_t second = Screen();
  HttpResult list = client_->Get("/api/v1/jobs?per_page=1&page=2");
  ASSERT_EQ(list.status, 200) << list.body;
  json l = list.json();
  EXPECT_EQ(l["page"], 2);
  EXPECT_EQ(l["per_page"], 1);  // per_page is limit's alias
  ASSERT_EQ(l["jobs"].size(), 1u);
  EXPECT_EQ(l["jobs"][0]["id"], id);  // newest first: page 2 holds the older job
  EXPECT_EQ(l["jobs"][0]["total_candidates"], 3);
  EXPECT_EQ(client_->Get("/api/v1/jobs?per_page=1").json()["jobs"][0]["id"], second);
  HttpResult pending = client_->Get("/api/v1/jobs?status=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_TRUE(pending.json()["jobs"].empty());  // both jobs were started and finished
}

// status=pending: jobs no worker has started. With no workers, a new job stays there.
TEST(OfficialClientsPendingTest, StatusPendingListsJobsNoWorkerHasStarted) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn", "--workers", "0"});
  ASSERT_FALSE(server.url().empty());
  HttpClient client(server.url(), server.first_token());
  HttpResult created = client.Post("/api/v1/jobs", ThreeResumeJob());
  ASSERT_EQ(created.status, 202) << created.body;
  HttpResult pending = client.Get("/api/v1/jobs?status=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  json rows = pending.json()["jobs"];
  ASSERT_EQ(rows.size(), 1u) << pending.body;
  EXPECT_EQ(rows[0]["id"], created.json()["job_id"]);
  EXPECT_EQ(rows[0]["status"], "processing");  // the reference's name for it
  EXPECT_EQ(rows[0]["progress"], 0);
  EXPECT_TRUE(client.Get("/api/v1/jobs?status=completed").json()["jobs"].empty());
  EXPECT_EQ(client.Get("/api/v1/jobs?status=queued").status, 422);
}

TEST_F(OfficialClientsTest, ResultsCarryJobTitleScreenedAtAgentSummaryAndTheJobsTotal) {
  const std::int64_t id = Screen();
  HttpResult results = client_->Get(JobPath(id) + "/results?min_score=100&only_top_n=1");
  ASSERT_EQ(results.status, 200) << results.body;
  json r = results.json();
  EXPECT_EQ(r["job_title"], kPythonJobTitle);
  EXPECT_EQ(r["title"], kPythonJobTitle);
  ASSERT_TRUE(r["screened_at"].is_string());
  EXPECT_EQ(r["screened_at"].get<std::string>().size(), 20u);  // 2026-03-28T10:05:00Z
  EXPECT_EQ(r["total_candidates"], 3);  // the job's count, not what the filters kept
  ASSERT_TRUE(r["agent_summary"].is_string());
  const std::string summary = r["agent_summary"];
  EXPECT_NE(summary.find(kPythonJobTitle), std::string::npos) << summary;
  EXPECT_NE(summary.find("Alice Example"), std::string::npos) << summary;
  const json all = client_->Get(JobPath(id) + "/results").json();
  for (const auto& c : all["candidates"]) {
    EXPECT_EQ(c["global_id"], id * 100000 + c["id"].get<std::int64_t>());
  }
}

TEST_F(OfficialClientsTest, GenerateEmailAnswersAtTheTopLevelAndTakesCustomMessage) {
  const std::int64_t id = Screen();
  HttpResult email = client_->Post(JobPath(id) + "/generate-email",
                                   {{"candidate_id", 1},
                                    {"type", "rejection"},
                                    {"custom_message", "We went with someone closer to Lisbon."}});
  ASSERT_EQ(email.status, 200) << email.body;
  json e = email.json();
  EXPECT_EQ(e["candidate_id"], 1);
  EXPECT_EQ(e["email_type"], "rejection");
  ASSERT_TRUE(e["subject"].is_string());
  EXPECT_FALSE(e["subject"].get<std::string>().empty());
  ASSERT_TRUE(e["body"].is_string());
  EXPECT_NE(e["body"].get<std::string>().find("We went with someone closer to Lisbon."),
            std::string::npos)
      << e["body"];
  EXPECT_TRUE(e["generated_at"].is_string());
  EXPECT_EQ(e["email"]["subject"], e["subject"]);  // the reference's object stays
  EXPECT_EQ(e["email"]["body"], e["body"]);
  EXPECT_EQ(e["email"]["type"], "rejection");
}

TEST_F(OfficialClientsTest, CompareAnswersComparisonBesideTheReferenceFields) {
  const std::int64_t id = Screen();
  HttpResult compared = client_->Get(JobPath(id) + "/compare?ids=1,3");
  ASSERT_EQ(compared.status, 200) << compared.body;
  json c = compared.json();
  EXPECT_EQ(c["comparison"]["top_candidate"], c["top_candidate"]);
  EXPECT_EQ(c["comparison"]["top_candidate"], "Alice Example");
  EXPECT_EQ(c["comparison"]["score_diff"], c["score_range"]);
  EXPECT_EQ(c["comparison"]["score_diff"],
            c["candidates"][0]["score"].get<int>() - c["candidates"][1]["score"].get<int>());
}

TEST_F(OfficialClientsTest, ACandidateIsFoundAndUpdatedByItsAccountWideId) {
  const std::int64_t id = Screen();
  json rows = client_->Get(JobPath(id) + "/results").json()["candidates"];
  ASSERT_EQ(rows.size(), 3u);
  const std::int64_t global = rows[0]["global_id"];
  HttpResult got = client_->Get("/api/v1/candidates/" + std::to_string(global));
  ASSERT_EQ(got.status, 200) << got.body;
  json c = got.json();
  EXPECT_EQ(c["name"], rows[0]["name"]);
  EXPECT_EQ(c["score"], rows[0]["score"]);
  EXPECT_EQ(c["id"], rows[0]["id"]);  // the per-job id stays
  EXPECT_EQ(c["job_id"], id);
  EXPECT_EQ(c["status"], "new");

  const std::string status_path = "/api/v1/candidates/" + std::to_string(global) + "/status";
  const std::pair<const char*, const char*> statuses[] = {
      {"shortlisted", "shortlisted"}, {"interviewed", "interviewing"},
      {"offered", "offered"},         {"hired", "hired"},
      {"rejected", "rejected"},       {"pending", "new"}};
  for (const auto& [asked, shown] : statuses) {
    HttpResult set = client_->Send("PATCH", status_path, json{{"status", asked}}.dump());
    ASSERT_EQ(set.status, 200) << asked << ": " << set.body;
    EXPECT_EQ(set.json()["success"], true);
    EXPECT_EQ(set.json()["candidate"]["status"], shown) << asked;
    EXPECT_EQ(set.json()["candidate"]["global_id"], global);
  }
  EXPECT_EQ(client_->Send("PATCH", status_path, R"({"status":"promoted"})").status, 422);
  // A job-scoped call takes the account-wide id too.
  EXPECT_EQ(
      client_->Post(JobPath(id) + "/outcome", {{"candidate_id", global}, {"outcome", "hired"}})
          .status,
      200);

  // Another account's candidate, and ids that name nothing, are 404.
  HttpClient other(server_->url(), CreateToken(dir_.path(), "other", "standard"));
  EXPECT_EQ(other.Get("/api/v1/candidates/" + std::to_string(global)).status, 404);
  EXPECT_EQ(other.Send("PATCH", status_path, R"({"status":"hired"})").status, 404);
  const std::vector<std::string> bad_ids = {"1", "0", "abc", std::to_string(global + 50),
                                            std::to_string((id + 7) * 100000 + 1)};
  for (const std::string& bad : bad_ids) {
    EXPECT_EQ(client_->Get("/api/v1/candidates/" + bad).status, 404) << bad;
  }
}

TEST_F(OfficialClientsTest, SchemaListsTheRouteTableWithMethodsAndDescriptions) {
  HttpResult schema = client_->Get("/api/v1/schema");
  ASSERT_EQ(schema.status, 200) << schema.body;
  json s = schema.json();
  ASSERT_TRUE(s["version"].is_string());
  ASSERT_TRUE(s["endpoints"].is_array());
  std::map<std::string, json> by_path;
  for (const auto& e : s["endpoints"]) {
    ASSERT_TRUE(e["path"].is_string() && e["methods"].is_array() && e["description"].is_string())
        << e;
    EXPECT_FALSE(e["description"].get<std::string>().empty()) << e;
    by_path[e["path"]] = e;
  }
  ASSERT_TRUE(by_path.count("/api/v1/jobs"));
  EXPECT_EQ(by_path["/api/v1/jobs"]["methods"], json({"POST", "GET"}));
  for (const char* path : {"/api/v1/jobs/upload-zip", "/api/v1/candidates/{candidate_id}",
                           "/api/v1/candidates/{candidate_id}/status", "/api/v1/schema",
                           "/api/v1/credits/estimate", "/api/v1/credits/purchase",
                           "/api/v1/credits/payment-intent", "/api/v1/mcp", "/v1/evaluate"}) {
    EXPECT_TRUE(by_path.count(path)) << path;
  }
}

TEST_F(OfficialClientsTest, EstimateIsTheCostOfScreeningNCandidates) {
  HttpResult estimate = client_->Get("/api/v1/credits/estimate?candidate_count=25");
  ASSERT_EQ(estimate.status, 200) << estimate.body;
  json e = estimate.json();
  EXPECT_EQ(e["candidate_count"], 25);
  EXPECT_DOUBLE_EQ(e["cost_per_candidate"].get<double>(), 0.01);
  EXPECT_DOUBLE_EQ(e["total_cost"].get<double>(), 0.25);
  EXPECT_EQ(e["currency"], "USD");
  EXPECT_EQ(client_->Get("/api/v1/credits/estimate").status, 422);
  EXPECT_EQ(client_->Get("/api/v1/credits/estimate?candidate_count=0").status, 422);
}

TEST_F(OfficialClientsTest, EveryAnswerCarriesRateLimitHeaders401And404Included) {
  HttpClient bad(server_->url(), "sl_not_a_real_token");
  HttpClient none(server_->url(), "");
  const std::vector<std::pair<std::string, HttpResult>> answers = {
      {"200", client_->Get("/api/v1/jobs")},
      {"401 bad token", bad.Get("/api/v1/jobs")},
      {"401 no token", none.Get("/api/v1/jobs")},
      {"404 job", client_->Get("/api/v1/jobs/999999")},
      {"404 path", client_->Get("/api/v1/no-such-route")},
      {"404 path no token", none.Get("/api/v1/no-such-route")},
      {"405", client_->Send("DELETE", "/api/v1/rate-limit", "")},
      {"no token route", none.Get("/healthz")}};
  for (const auto& [what, r] : answers) {
    EXPECT_TRUE(r.headers.count("x-ratelimit-limit")) << what << " " << r.status;
    EXPECT_TRUE(r.headers.count("x-ratelimit-remaining")) << what;
    EXPECT_TRUE(r.headers.count("x-ratelimit-reset")) << what;
  }
  EXPECT_EQ(answers[1].second.status, 401);
  EXPECT_EQ(answers[4].second.status, 404);
  json limit = client_->Get("/api/v1/rate-limit").json();
  EXPECT_TRUE(limit["reset_at"].is_string());
  EXPECT_TRUE(limit["reset_in_seconds"].is_number_integer());
  EXPECT_TRUE(limit["limit"].is_number_integer());
  EXPECT_TRUE(limit["remaining"].is_number_integer());
}

TEST_F(OfficialClientsTest, WebhookTestSuccessIsFalseWhenTheDeliveryFailed) {
  std::atomic<int> status{500};
  LoopbackServer receiver(
      [&](const ServerRequest&) { return LoopbackServer::Reply(status.load(), "{}"); });
  HttpResult failed = client_->Post("/api/v1/webhooks/test", {{"url", receiver.Url("/hook")}});
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json()["success"], false);
  EXPECT_EQ(failed.json()["response_code"], 500);
  EXPECT_TRUE(failed.json()["message"].is_string());
  status = 200;
  HttpResult ok = client_->Post("/api/v1/webhooks/test", {{"url", receiver.Url("/hook")}});
  EXPECT_EQ(ok.json()["success"], true) << ok.body;
  EXPECT_EQ(ok.json()["response_code"], 200);
}

TEST_F(OfficialClientsTest, AgentKeysAnswerInTheShapeTheCliReads) {
  HttpResult created =
      client_->Post("/api/v1/agent-keys", {{"name", "CLI agent"},
                                           {"monthly_spend_limit", 100.0},
                                           {"daily_spend_limit", 5.0},
                                           {"lifetime_spend_limit", nullptr},
                                           {"permissions", {"read", "write", "bulk"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers["cache-control"], "no-store");
  json key = created.json()["key"];
  ASSERT_TRUE(key["key"].is_string()) << created.body;
  const std::string secret = key["key"];
  EXPECT_EQ(secret.rfind("sl_agent_", 0), 0u);
  EXPECT_EQ(secret.rfind(key["key_prefix"].get<std::string>(), 0), 0u);
  EXPECT_EQ(key["name"], "CLI agent");
  EXPECT_EQ(key["is_active"], true);
  EXPECT_EQ(key["permissions"], json({"read", "screen"}));  // write and bulk mean screen
  for (const char* f : {"total_spent", "month_spent", "day_spent"}) EXPECT_EQ(key[f], 0) << f;
  EXPECT_EQ(key["daily_spend_limit"], 5.0);
  EXPECT_EQ(key["monthly_spend_limit"], 100.0);
  EXPECT_TRUE(key["lifetime_spend_limit"].is_null());
  const std::string path = "/api/v1/agent-keys/" + std::to_string(key["id"].get<int>());

  HttpClient agent(server_->url(), secret);  // spend 3 credits with it
  EXPECT_GT(ScreenAndWait(agent, ThreeResumeJob()), 0);
  json list = client_->Get("/api/v1/agent-keys").json();
  ASSERT_EQ(list["keys"].size(), 1u);
  EXPECT_EQ(list["keys"][0]["key_prefix"], key["key_prefix"]);
  EXPECT_DOUBLE_EQ(list["keys"][0]["total_spent"].get<double>(), 0.03);
  EXPECT_FALSE(list["keys"][0].contains("key"));  // the secret is shown once
  json shown = client_->Get(path).json()["key"];
  EXPECT_EQ(shown["name"], "CLI agent");
  EXPECT_DOUBLE_EQ(shown["day_spent"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(shown["month_spent"].get<double>(), 0.03);
  json usage = client_->Get(path + "/usage").json()["usage"];
  EXPECT_DOUBLE_EQ(usage["day_spent"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(usage["month_spent"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(usage["total_spent"].get<double>(), 0.03);
  EXPECT_EQ(usage["daily_spend_limit"], 5.0);
  EXPECT_EQ(usage["monthly_spend_limit"], 100.0);
  EXPECT_TRUE(usage["lifetime_spend_limit"].is_null());
  EXPECT_DOUBLE_EQ(usage["remaining_daily"].get<double>(), 4.97);
  EXPECT_DOUBLE_EQ(usage["remaining_monthly"].get<double>(), 99.97);
  ASSERT_TRUE(usage["month_start_date"].is_string());
  EXPECT_EQ(usage["month_start_date"].get<std::string>().substr(8), "01");

  HttpResult regen = client_->Send("POST", path + "/regenerate", "");
  ASSERT_EQ(regen.status, 200) << regen.body;
  EXPECT_EQ(regen.headers["cache-control"], "no-store");
  const std::string fresh = regen.json()["data"]["key"]["key"];  // what the CLI prints
  EXPECT_NE(fresh, secret);
  EXPECT_EQ(HttpClient(server_->url(), fresh).Get("/api/v1/jobs").status, 200);
  EXPECT_EQ(agent.Get("/api/v1/jobs").status, 401);
  EXPECT_EQ(client_->Send("DELETE", path, "").status, 200);
  EXPECT_EQ(client_->Get(path).json()["key"]["is_active"], false);
}

TEST_F(OfficialClientsTest, CreditBalanceHasTheTotalsAndAutoReloadFieldsTheClientsRead) {
  std::string out;
  ASSERT_EQ(RunCli({"credits", "grant", "--account", "default", "--credits", "1000", "--data-dir",
                    dir_.path()},
                   &out),
            0)
      << out;
  Screen();  // 3 credits
  json b = client_->Get("/api/v1/credits/balance").json();
  EXPECT_EQ(b["formatted_balance"], "$9.97");
  EXPECT_EQ(b["total_purchased"], 0);  // a grant is not a purchase
  EXPECT_DOUBLE_EQ(b["total_spent"].get<double>(), 0.03);
  EXPECT_EQ(b["auto_reload_enabled"], false);
  EXPECT_TRUE(b.contains("auto_reload_threshold"));
  EXPECT_TRUE(b.contains("auto_reload_amount"));
  ASSERT_EQ(client_->Post("/api/v1/credits/auto-reload/enable", {{"pack", "satchel"}}).status, 200);
  b = client_->Get("/api/v1/credits/balance").json();
  EXPECT_EQ(b["auto_reload_enabled"], true);
  EXPECT_EQ(b["auto_reload_amount"], 25);
  EXPECT_EQ(b["auto_reload_threshold"], 1);  // max($1, 5% of the largest purchase)
}

TEST_F(OfficialClientsTest, AZipOfResumesIsScreenedLikePostJobs) {
  using ingest::testing::MakeZip;
  const std::string zip = MakeZip({{"candidates/", ""},
                                   {"candidates/alice.txt", kStrongResume},
                                   {"candidates/nested/bob.md", kMiddleResume},
                                   {"carol.txt", kWeakResume},
                                   {"__MACOSX/candidates/._alice.txt", "junk"},
                                   {".DS_Store", "junk"}});
  const std::vector<FormPart> form = {{"title", kPythonJobTitle, ""},
                                      {"description", kPythonJob, ""},
                                      {"leniency_level", "7", ""},
                                      {"custom_instructions", "Prefer Django.", ""},
                                      {"zip_file", zip, "resumes.zip"}};
  HttpResult created = client_->Send("POST", "/api/v1/jobs/upload-zip", MultipartBody(form),
                                     MultipartHeaders("zip-1"));
  ASSERT_EQ(created.status, 202) << created.body;
  json c = created.json();
  EXPECT_EQ(c["status"], "processing");
  EXPECT_TRUE(c["status_url"].is_string());
  const std::int64_t id = c["job_id"];
  // The same request again with the same key is the same job.
  HttpResult again = client_->Send("POST", "/api/v1/jobs/upload-zip", MultipartBody(form),
                                   MultipartHeaders("zip-1"));
  EXPECT_EQ(again.json()["job_id"], id);
  json status = WaitForJob(*client_, id);
  ASSERT_EQ(status["status"], "completed");
  EXPECT_EQ(status["leniency_level"], 7);
  EXPECT_EQ(status["candidate_count"], 3);
  json rows = client_->Get(JobPath(id) + "/results").json()["candidates"];
  std::set<std::string> files;
  for (const auto& r : rows) files.insert(r["raw_analysis"]["filename"]);
  EXPECT_EQ(files, (std::set<std::string>{"alice.txt", "bob.md", "carol.txt"}));
  EXPECT_EQ(rows[0]["name"], "Alice Example");

  auto refused = [&](const std::vector<FormPart>& parts, const std::string& field) {
    HttpResult r =
        client_->Send("POST", "/api/v1/jobs/upload-zip", MultipartBody(parts), MultipartHeaders());
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(r.json()["errors"].contains(field)) << r.body;
  };
  refused({{"title", "t", ""}, {"description", kPythonJob, ""}}, "zip_file");
  refused({{"title", "t", ""}, {"description", kPythonJob, ""}, {"zip_file", "not a zip", "a.zip"}},
          "zip_file");
  refused({{"title", "t", ""},
           {"description", kPythonJob, ""},
           {"zip_file", MakeZip({{"../../etc/passwd", kStrongResume}}), "a.zip"}},
          "zip_file");
  refused({{"description", kPythonJob, ""}, {"zip_file", zip, "a.zip"}}, "title");
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 101; ++i) many.push_back({"r" + std::to_string(i) + ".txt", kStrongResume});
  refused(
      {{"title", "t", ""}, {"description", kPythonJob, ""}, {"zip_file", MakeZip(many), "a.zip"}},
      "zip_file");
  HttpResult json_body = client_->Post("/api/v1/jobs/upload-zip", ThreeResumeJob());
  EXPECT_EQ(json_body.status, 422) << json_body.body;
}

// The server never opens an uploaded archive itself: an extract worker does (as it reads every
// file). With the test-only fault switch on, an archive named to crash its reader costs that
// upload a 422, and the next upload is unpacked by a fresh worker.
TEST(OfficialClientsSandboxTest, AZipIsUnpackedInAnExtractWorker) {
  TempDir dir;
  setenv("SHORTLIST_EXTRACT_FAULT", "crash", 1);  // the server's workers inherit it
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  unsetenv("SHORTLIST_EXTRACT_FAULT");
  ASSERT_FALSE(server.url().empty());
  HttpClient client(server.url(), server.first_token());
  const std::string zip = ingest::testing::MakeZip({{"alice.txt", kStrongResume}});
  auto upload = [&](const std::string& filename) {
    return client.Send("POST", "/api/v1/jobs/upload-zip",
                       MultipartBody({{"title", kPythonJobTitle, ""},
                                      {"description", kPythonJob, ""},
                                      {"zip_file", zip, filename}}),
                       MultipartHeaders());
  };
  HttpResult crashed = upload("shortlist-fault-crash.zip");
  ASSERT_EQ(crashed.status, 422) << crashed.body;
  const std::string why = crashed.json()["errors"]["zip_file"][0];
  EXPECT_NE(why.find("reader failed"), std::string::npos) << why;
  HttpResult fine = upload("resumes.zip");
  EXPECT_EQ(fine.status, 202) << fine.body;
}

TEST_F(OfficialClientsTest, ABulkScreenWebhookBodyIsTheJobAnswer) {
  std::mutex mu;
  std::vector<std::string> bodies;
  LoopbackServer files([&](const ServerRequest& r) {
    if (r.path == "/hook") {
      std::lock_guard<std::mutex> lock(mu);
      bodies.push_back(r.body);
      return LoopbackServer::Reply(200, "{}");
    }
    return LoopbackServer::Reply(200, r.path == "/a.txt" ? kStrongResume : kWeakResume,
                                 {{"Content-Type", "text/plain"}});
  });
  HttpResult queued =
      client_->Post("/v1/bulk-screen", {{"job_description", kPythonJob},
                                        {"resume_urls", {files.Url("/a.txt"), files.Url("/b.txt")}},
                                        {"webhook_url", files.Url("/hook")}});
  ASSERT_EQ(queued.status, 202) << queued.body;
  const std::string job = queued.json()["job_id"];
  json answer;
  for (int i = 0; i < 1500; ++i) {
    answer = client_->Get("/v1/jobs/" + job).json();
    std::lock_guard<std::mutex> lock(mu);
    if (answer["status"] == "completed" && !bodies.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(bodies.size(), 1u) << "one POST when processing completes";
  json hook = json::parse(bodies[0]);
  EXPECT_EQ(hook, answer);  // "identical to the GET /jobs/{job_id} response"
  EXPECT_EQ(hook["job_id"], job);
  EXPECT_EQ(hook["status"], "completed");
  EXPECT_EQ(hook["progress"], 100);
  EXPECT_EQ(hook["candidates"].size(), 2u);
  EXPECT_FALSE(hook.contains("event"));
}

}  // namespace
}  // namespace shortlist::testing
