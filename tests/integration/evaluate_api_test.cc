// The Evaluate API over real HTTP: /v1/evaluate, /v1/bulk-screen with resume URLs served on
// loopback, /v1/jobs/{id}, /v1/analyze-transcript, and their 400/422 errors.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "base64.h"
#include "fixtures.h"
#include "http_client.h"
#include "loopback_server.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

std::string EnterpriseToken(const std::string& dir) {
  std::string token;
  RunCli({"token", "create", "--account", "agency", "--plan", "enterprise", "--data-dir", dir},
         &token);
  token.erase(token.find_last_not_of("\n ") + 1);
  return token;
}

TEST(EvaluateApiTest, EvaluateRanksAndExplainsEveryCandidate) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  json body = {{"job_description", kPythonJob},
               {"resumes", json::array({{{"id", "weak"}, {"text", kWeakResume}},
                                        {{"id", "strong"}, {"text", kStrongResume}},
                                        {{"id", "middle"}, {"text", kMiddleResume}}})},
               {"options",
                {{"generate_questions", true},
                 {"generate_boolean_string", true},
                 {"generate_outreach", true}}}};
  HttpResult r = client.Post("/v1/evaluate", body);
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.json();
  EXPECT_EQ(j["job_id"].get<std::string>().rfind("job_", 0), 0u);
  EXPECT_TRUE(j["evaluated_at"].get<std::string>().ends_with("Z"));
  ASSERT_EQ(j["candidates"].size(), 3u);
  const json& first = j["candidates"][0];
  EXPECT_EQ(first["id"], "strong");
  EXPECT_EQ(first["rank"], 1);
  EXPECT_EQ(j["candidates"][2]["id"], "weak");
  EXPECT_EQ(j["candidates"][2]["rank"], 3);
  EXPECT_GE(first["overall_score"].get<int>(), j["candidates"][1]["overall_score"].get<int>());
  EXPECT_GE(first["semantic_similarity"].get<double>(), 0.0);
  EXPECT_LE(first["semantic_similarity"].get<double>(), 1.0);
  std::vector<std::string> matched = first["matched_skills"];
  EXPECT_NE(std::find(matched.begin(), matched.end(), "Python"), matched.end());
  // Partial credit through a related skill is reported apart, as {skill, via}, and such a skill
  // is never among the matched ones.
  ASSERT_TRUE(first["related_skills"].is_array());
  for (const json& r : first["related_skills"]) {
    EXPECT_FALSE(r["via"].get<std::string>().empty());
    EXPECT_EQ(std::find(matched.begin(), matched.end(), r["skill"]), matched.end());
  }
  for (const auto& [skill, severity] : j["candidates"][2]["gap_severity"].items()) {
    EXPECT_TRUE(severity == "critical" || severity == "moderate" || severity == "minor") << skill;
  }
  EXPECT_FALSE(j["candidates"][2]["missing_skills"].empty());
  EXPECT_GT(first["experience_years_relevant"].get<double>(), 3.0);
  EXPECT_FALSE(first["screening_questions"].empty());
  EXPECT_NE(first["boolean_search_string"].get<std::string>().find("Python"), std::string::npos);
  EXPECT_FALSE(first["linkedin_outreach_draft"].get<std::string>().empty());

  // The evaluation is kept: GET /v1/jobs/{id} shows it again.
  HttpResult again = client.Get("/v1/jobs/" + j["job_id"].get<std::string>());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["status"], "completed");
  EXPECT_EQ(again.json()["progress"], 100);
  EXPECT_EQ(again.json()["candidates"][0]["id"], "strong");

  body["options"] = {{"generate_questions", false},
                     {"generate_boolean_string", false},
                     {"generate_outreach", false}};
  json off = client.Post("/v1/evaluate", body).json();
  EXPECT_TRUE(off["candidates"][0]["screening_questions"].empty());
  EXPECT_EQ(off["candidates"][0]["boolean_search_string"], "");
  EXPECT_EQ(off["candidates"][0]["linkedin_outreach_draft"], "");
}

TEST(EvaluateApiTest, BadParametersAre400AndUnreadableResumesAre422) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  HttpResult missing =
      client.Post("/v1/evaluate", {{"resumes", json::array({{{"text", kStrongResume}}})}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(missing.json()["errors"].contains("job_description"));
  HttpResult no_text = client.Post(
      "/v1/evaluate", {{"job_description", kPythonJob}, {"resumes", json::array({{{"id", "x"}}})}});
  EXPECT_EQ(no_text.status, 400);
  EXPECT_TRUE(no_text.json()["errors"].contains("resumes.0.text"));
  EXPECT_EQ(client.Send("POST", "/v1/evaluate", "[1,2").status, 400);

  json corrupt = {{"job_description", kPythonJob},
                  {"resumes", json::array({{{"id", "ok"}, {"text", kStrongResume}},
                                           {{"id", "broken"},
                                            {"filename", "broken.pdf"},
                                            {"base64", Base64("%PDF-1.7\n1 0 obj <<garbage")}}})}};
  HttpResult r = client.Post("/v1/evaluate", corrupt);
  ASSERT_EQ(r.status, 422) << r.body;
  ASSERT_TRUE(r.json()["errors"].contains("resumes.1"));
  EXPECT_NE(r.json()["errors"]["resumes.1"][0].get<std::string>().find("broken.pdf"),
            std::string::npos);
}

TEST(EvaluateApiTest, BulkScreenFetchesUrlsAndReportsProgress) {
  TempDir dir;
  const std::map<std::string, std::string> served = {
      {"/alice.txt", kStrongResume}, {"/bob.txt", kMiddleResume}, {"/carol.txt", kWeakResume}};
  net::testing::LoopbackServer files([&served](const net::testing::ServerRequest& request) {
    auto it = served.find(request.path);
    return it == served.end() ? net::testing::LoopbackServer::Reply(404, "")
                              : net::testing::LoopbackServer::Reply(200, it->second);
  });
  ServerProcess server(dir.path(), {"--url-allow-list", "127.0.0.1/32", "--log-level", "warn"});
  HttpClient client(server.url(), EnterpriseToken(dir.path()));
  HttpResult created = client.Post(
      "/v1/bulk-screen",
      {{"job_description", kPythonJob},
       {"resume_urls", json::array({files.Url("/carol.txt"), files.Url("/alice.txt"),
                                    files.Url("/bob.txt"), files.Url("/missing.txt")})}});
  ASSERT_EQ(created.status, 202) << created.body;
  json c = created.json();
  EXPECT_EQ(c["status"], "queued");
  EXPECT_TRUE(c["estimated_completion_seconds"].is_number_integer());
  std::string id = c["job_id"];
  EXPECT_EQ(id.rfind("bulk_", 0), 0u);

  json status;
  for (int i = 0; i < 500; ++i) {
    status = client.Get("/v1/jobs/" + id).json();
    EXPECT_GE(status["progress"].get<int>(), 0);
    EXPECT_LE(status["progress"].get<int>(), 100);
    if (status["status"] == "completed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(status["status"], "completed") << status.dump();
  EXPECT_EQ(status["progress"], 100);
  ASSERT_EQ(status["candidates"].size(), 4u);
  EXPECT_NE(status["candidates"][0]["id"], "4") << "the unreachable file cannot rank first";
  EXPECT_GE(files.connections(), 4);
  // The 404 file carries its error; the job still completed.
  bool saw_error = false;
  for (const auto& cand : status["candidates"]) {
    if (cand.contains("error")) {
      saw_error = true;
      EXPECT_EQ(cand["overall_score"], 0);
    }
  }
  EXPECT_TRUE(saw_error);

  HttpResult bad = client.Post("/v1/bulk-screen", {{"job_description", kPythonJob},
                                                   {"resume_urls", json::array({"ftp://x/y"})}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json()["errors"].contains("resume_urls.0"));
  EXPECT_EQ(client.Get("/v1/jobs/bulk_doesnotexist").status, 404);
}

// The most requests a bulk-screen job of `urls` URLs had open at once on a file server that
// holds each for 150 ms, on a server started with `extra_args`.
int PeakFetchesInFlight(int urls, std::vector<std::string> extra_args) {
  std::atomic<int> in_flight{0}, peak{0};
  net::testing::LoopbackServer files([&](const net::testing::ServerRequest&) {
    const int now = ++in_flight;
    for (int seen = peak.load(); now > seen && !peak.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    --in_flight;
    return net::testing::LoopbackServer::Reply(200, kMiddleResume);
  });
  TempDir dir;
  extra_args.insert(extra_args.end(), {"--url-allow-list", "127.0.0.1/32", "--log-level", "warn"});
  ServerProcess server(dir.path(), extra_args);
  HttpClient client(server.url(), EnterpriseToken(dir.path()));
  json list = json::array();
  for (int i = 0; i < urls; ++i) list.push_back(files.Url("/r" + std::to_string(i) + ".txt"));
  HttpResult created =
      client.Post("/v1/bulk-screen", {{"job_description", kPythonJob}, {"resume_urls", list}});
  EXPECT_EQ(created.status, 202) << created.body;
  const std::string id = created.json().value("job_id", "");
  json status = json::object();
  for (int i = 0; i < 1500 && status.value("status", "") != "completed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = client.Get("/v1/jobs/" + id).json();
  }
  EXPECT_EQ(status["status"], "completed") << status.dump();
  EXPECT_EQ(status["candidates"].size(), static_cast<std::size_t>(urls));
  return peak.load();
}

TEST(EvaluateApiTest, BulkScreenFetchesAsManyUrlsAtOnceAsConfigured) {
  EXPECT_LE(PeakFetchesInFlight(12, {"--fetch-concurrency", "3"}), 3);
  // By default a whole batch (20 URLs here) is fetched at once, not 8 at a time as before.
  EXPECT_GT(PeakFetchesInFlight(20, {}), 8);
}

TEST(EvaluateApiTest, PrivateAddressesAreRefusedWithoutTheAllowList) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});  // no allow-list
  HttpClient client(server.url(), EnterpriseToken(dir.path()));
  // Refused before any connection: the guard checks the address first.
  json body = {{"title", kPythonJobTitle},
               {"description", kPythonJob},
               {"resumes",
                json::array({{{"filename", "meta"}, {"file_url", "http://169.254.169.254/latest"}},
                             {{"filename", "lan"}, {"file_url", "http://10.0.0.1/cv.pdf"}},
                             {{"filename", "self"}, {"file_url", "http://127.0.0.1:1/cv.pdf"}}})}};
  std::int64_t id = client.Post("/api/v1/jobs", body).json()["job_id"];
  json status;
  for (int i = 0; i < 500; ++i) {
    status = client.Get("/api/v1/jobs/" + std::to_string(id)).json();
    if (status["status"] != "processing") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // No resume could be fetched, so the job fails; each candidate still names its refusal.
  ASSERT_EQ(status["status"], "failed");
  json results = client.Get("/api/v1/jobs/" + std::to_string(id) + "/results").json();
  ASSERT_EQ(results["candidates"].size(), 3u);
  for (const auto& cand : results["candidates"]) {
    ASSERT_TRUE(cand["error"].is_object()) << cand.dump();
    EXPECT_EQ(cand["error"]["code"], "url_refused") << cand.dump();
  }
}

TEST(EvaluateApiTest, AnalyzeTranscriptScoresCompetencies) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  std::string transcript =
      "Interviewer: Tell me about a time you fixed a production problem.\n"
      "Candidate: At Acme our checkout API was timing out during a sale. I was responsible for the "
      "payments service, so I profiled the PostgreSQL queries, found a missing index and rolled "
      "out "
      "a fix behind a feature flag. Latency dropped by 70% and we recovered $40k of orders that "
      "day.\n"
      "Interviewer: How do you work with your team?\n"
      "Candidate: I run weekly design reviews and I mentored two junior engineers on Python "
      "testing.\n";
  HttpResult r = client.Post("/v1/analyze-transcript", {{"transcript", transcript},
                                                        {"interview_type", "behavioural"},
                                                        {"job_description", kPythonJob}});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.json();
  EXPECT_GE(j["overall_interview_score"].get<int>(), 0);
  EXPECT_LE(j["overall_interview_score"].get<int>(), 100);
  for (const char* c :
       {"technical_depth", "communication_clarity", "problem_solving", "role_alignment"}) {
    EXPECT_TRUE(j["competency_scores"].contains(c)) << c;
  }
  // The first answer tells a whole STAR story; the average covers both answers.
  ASSERT_EQ(j["answers"].size(), 2u);
  EXPECT_GE(j["answers"][0]["star_components"].get<int>(), 3);
  EXPECT_GT(j["star_completeness_avg"].get<double>(), 1.0);
  EXPECT_LE(j["star_completeness_avg"].get<double>(), 4.0);
  EXPECT_TRUE(j["concern_flags"].is_array());
  EXPECT_FALSE(j["interviewer_summary"].get<std::string>().empty());
  EXPECT_EQ(client.Post("/v1/analyze-transcript", {{"interview_type", "technical"}}).status, 400);
  EXPECT_EQ(client
                .Post("/v1/analyze-transcript",
                      {{"transcript", transcript}, {"interview_type", "poetry"}})
                .status,
            400);
}

}  // namespace
}  // namespace shortlist::testing
