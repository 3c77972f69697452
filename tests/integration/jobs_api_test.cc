// The Jobs API core over real HTTP: create, validate, follow, read results, list, cancel.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <chrono>
#include <set>
#include <thread>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

json Resume(const std::string& filename, const std::string& text) {
  return {{"filename", filename}, {"content", text}};
}

json ThreeResumeJob() {
  return {
      {"title", kPythonJobTitle},
      {"description", kPythonJob},
      {"resumes", json::array({Resume("bob.txt", kMiddleResume), Resume("carol.txt", kWeakResume),
                               Resume("alice.txt", kStrongResume)})}};
}

json WaitForFinal(const HttpClient& client, std::int64_t job_id) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  json status;
  while (std::chrono::steady_clock::now() < deadline) {
    HttpResult r = client.Get("/api/v1/jobs/" + std::to_string(job_id));
    EXPECT_EQ(r.status, 200) << r.body;
    status = r.json();
    if (status["status"] != "processing") return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "job " << job_id << " did not finish: " << status.dump();
  return status;
}

class JobsApiTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(JobsApiTest, AcceptedJobCompletesWithRankedExplainedResults) {
  ServerProcess server(dir_.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  ASSERT_FALSE(server.first_token().empty());

  HttpResult created = client.Post("/api/v1/jobs", ThreeResumeJob());
  ASSERT_EQ(created.status, 202) << created.body;
  json c = created.json();
  EXPECT_EQ(c["success"], true);
  EXPECT_EQ(c["status"], "processing");
  EXPECT_EQ(c["message"], "Job accepted for processing.");
  ASSERT_TRUE(c["job_id"].is_number_integer());
  std::int64_t id = c["job_id"];
  EXPECT_EQ(c["status_url"], server.url() + "/api/v1/jobs/" + std::to_string(id));
  EXPECT_EQ(c["results_url"], server.url() + "/api/v1/jobs/" + std::to_string(id) + "/results");

  json status = WaitForFinal(client, id);
  EXPECT_EQ(status["status"], "completed");
  EXPECT_EQ(status["title"], kPythonJobTitle);
  EXPECT_EQ(status["leniency_level"], 5);
  EXPECT_EQ(status["candidate_count"], 3);
  EXPECT_EQ(status["summary"]["total_candidates"], 3);
  EXPECT_EQ(status["results_url"], c["results_url"]);
  EXPECT_TRUE(status["estimated_completion"].is_string());
  EXPECT_TRUE(status["created_at"].get<std::string>().ends_with("Z"));

  HttpResult results = client.Get("/api/v1/jobs/" + std::to_string(id) + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  json r = results.json();
  EXPECT_EQ(r["total_candidates"], 3);
  EXPECT_EQ(r["per_page"], 50);
  EXPECT_EQ(r["current_page"], 1);
  EXPECT_EQ(r["last_page"], 1);
  ASSERT_EQ(r["candidates"].size(), 3u);
  const json& top = r["candidates"][0];
  // The strong Python resume ranks first, the chef last; scores are sorted.
  EXPECT_EQ(top["raw_analysis"]["filename"], "alice.txt");
  EXPECT_EQ(r["candidates"][2]["raw_analysis"]["filename"], "carol.txt");
  EXPECT_GE(top["score"], r["candidates"][1]["score"]);
  EXPECT_GE(r["candidates"][1]["score"], r["candidates"][2]["score"]);
  EXPECT_GT(top["score"].get<int>(), r["candidates"][2]["score"].get<int>() + 20);
  EXPECT_EQ(top["id"], 3) << "candidate ids are 1-based positions in the submitted list";
  EXPECT_EQ(top["email"], "alice.example@example.com");
  EXPECT_EQ(top["contact_info"]["email"], "alice.example@example.com");
  EXPECT_EQ(top["status"], "new");
  for (const char* field :
       {"name", "summary", "phone", "linkedin_url", "interview_questions", "strengths",
        "weaknesses", "generated_outreach", "user_notes", "processed_at"}) {
    EXPECT_TRUE(top.contains(field)) << field;
  }
  // Every score is explained: the breakdown's points add up to the score.
  double points = 0;
  for (const auto& f : top["raw_analysis"]["score_breakdown"]) points += f["points"].get<double>();
  EXPECT_NEAR(points, top["score"].get<double>(), 1.0);
  // Summary matches the rows.
  EXPECT_EQ(status["summary"]["top_score"], top["score"]);

  json filtered = client.Get("/api/v1/jobs/" + std::to_string(id) + "/results?only_top_n=1").json();
  ASSERT_EQ(filtered["candidates"].size(), 1u);
  EXPECT_EQ(filtered["candidates"][0]["id"], 3);
  int min = top["score"].get<int>();
  filtered =
      client.Get("/api/v1/jobs/" + std::to_string(id) + "/results?min_score=" + std::to_string(min))
          .json();
  for (const auto& cand : filtered["candidates"]) EXPECT_GE(cand["score"].get<int>(), min);
  json page2 = client.Get("/api/v1/jobs/" + std::to_string(id) + "/results?page=2").json();
  EXPECT_EQ(page2["current_page"], 2);
  EXPECT_TRUE(page2["candidates"].empty());
  EXPECT_EQ(client.Get("/api/v1/jobs/" + std::to_string(id) + "/results?min_score=101").status,
            422);

  // A completed job cannot be cancelled.
  HttpResult cancel = client.Post("/api/v1/jobs/" + std::to_string(id) + "/cancel", json::object());
  EXPECT_EQ(cancel.status, 409);
  EXPECT_EQ(cancel.json()["success"], false);
}

TEST_F(JobsApiTest, ValidationNamesEveryFailedRuleByFieldPath) {
  ServerProcess server(dir_.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());

  HttpResult empty = client.Post("/api/v1/jobs", json::object());
  ASSERT_EQ(empty.status, 422);
  json e = empty.json();
  EXPECT_EQ(e["success"], false);
  EXPECT_TRUE(e["error"].is_string());
  for (const char* field : {"title", "description", "resumes"}) {
    ASSERT_TRUE(e["errors"].contains(field)) << field << " in " << e.dump();
  }

  json bad = {{"title", std::string(256, 't')},
              {"description", "too short"},
              {"leniency_level", 11},
              {"webhook_url", "not a url"},
              {"resumes", json::array({{{"filename", "a.txt"}, {"content", "short"}},
                                       {{"filename", "b.txt"}},
                                       {{"content", kStrongResume}}})}};
  e = client.Post("/api/v1/jobs", bad).json();
  for (const char* field : {"title", "description", "leniency_level", "webhook_url",
                            "resumes.0.content", "resumes.1.content", "resumes.2.filename"}) {
    ASSERT_TRUE(e["errors"].contains(field)) << field << " in " << e.dump();
    EXPECT_EQ(e["errors"][field].size(), 1u) << field;
  }
  EXPECT_FALSE(e["errors"].contains("resumes.2.content"));

  json too_many = ThreeResumeJob();
  too_many["resumes"] = json::array();
  for (int i = 0; i < 101; ++i) too_many["resumes"].push_back(Resume("r.txt", kMiddleResume));
  e = client.Post("/api/v1/jobs", too_many).json();
  ASSERT_TRUE(e["errors"].contains("resumes"));

  HttpResult not_json = client.Send("POST", "/api/v1/jobs", "{not json");
  EXPECT_EQ(not_json.status, 422);
  EXPECT_TRUE(not_json.json()["errors"].contains("body"));

  // Nothing invalid was stored.
  json list = client.Get("/api/v1/jobs").json();
  EXPECT_EQ(list["total"], 0);
}

TEST_F(JobsApiTest, QueuedJobIsProcessingUntilDoneAndCanBeCancelled) {
  // An API-only process (no workers) accepts jobs and leaves them queued.
  ServerProcess server(dir_.path(), {"--workers", "0", "--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  std::int64_t a = client.Post("/api/v1/jobs", ThreeResumeJob()).json()["job_id"];
  std::int64_t b = client.Post("/api/v1/jobs", ThreeResumeJob()).json()["job_id"];

  json status = client.Get("/api/v1/jobs/" + std::to_string(a)).json();
  EXPECT_EQ(status["status"], "processing");
  EXPECT_TRUE(status["results_url"].is_null());
  EXPECT_TRUE(status["estimated_completion"].is_string());
  HttpResult early = client.Get("/api/v1/jobs/" + std::to_string(a) + "/results");
  EXPECT_EQ(early.status, 425);
  EXPECT_EQ(early.json()["success"], false);

  HttpResult cancelled =
      client.Post("/api/v1/jobs/" + std::to_string(a) + "/cancel", json::object());
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "cancelled");
  EXPECT_EQ(cancelled.json()["message"], "Job has been cancelled.");
  EXPECT_EQ(client.Get("/api/v1/jobs/" + std::to_string(a)).json()["status"], "cancelled");
  EXPECT_EQ(client.Post("/api/v1/jobs/" + std::to_string(a) + "/cancel", json::object()).status,
            409);

  json list = client.Get("/api/v1/jobs?status=cancelled").json();
  ASSERT_EQ(list["jobs"].size(), 1u);
  EXPECT_EQ(list["jobs"][0]["job_id"], a);
  list = client.Get("/api/v1/jobs?status=processing").json();
  ASSERT_EQ(list["jobs"].size(), 1u);
  EXPECT_EQ(list["jobs"][0]["job_id"], b);
  list = client.Get("/api/v1/jobs?limit=1&page=2").json();
  EXPECT_EQ(list["total"], 2);
  ASSERT_EQ(list["jobs"].size(), 1u);
  EXPECT_EQ(list["jobs"][0]["job_id"], a) << "newest first";
  EXPECT_EQ(client.Get("/api/v1/jobs?since=2999-01-01").json()["total"], 0);
  EXPECT_EQ(client.Get("/api/v1/jobs?since=2000-01-01").json()["total"], 2);
  EXPECT_EQ(client.Get("/api/v1/jobs?limit=0").status, 422);
  EXPECT_EQ(client.Get("/api/v1/jobs?limit=101").status, 422);
  EXPECT_EQ(client.Get("/api/v1/jobs?status=bogus").status, 422);
  EXPECT_EQ(client.Get("/api/v1/jobs?since=yesterday").status, 422);
  EXPECT_EQ(client.Get("/api/v1/jobs/999999").status, 404);
  EXPECT_EQ(client.Get("/api/v1/jobs/abc").status, 404);
}

// A job of `n` URLs for /v1/bulk-screen (never fetched: the servers below have no workers).
json BulkScreenJob(int n) {
  json urls = json::array();
  for (int i = 0; i < n; ++i) urls.push_back("http://resumes.example/" + std::to_string(i));
  return {{"job_description", kPythonJob}, {"resume_urls", urls}};
}

TEST_F(JobsApiTest, ResumesPerJobCapIsTheReferencesHundredByDefault) {
  ServerProcess server(dir_.path(), {"--workers", "0", "--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  EXPECT_EQ(client.Post("/api/v1/jobs", PythonJobWithResumes(100)).status, 202);
  HttpResult over = client.Post("/api/v1/jobs", PythonJobWithResumes(101));
  ASSERT_EQ(over.status, 422);
  EXPECT_EQ(over.json()["errors"]["resumes"][0],
            "The resumes field must not have more than 100 items.");
  HttpResult bulk = client.Post("/api/v1/jobs/bulk", {{"jobs", {PythonJobWithResumes(101)}}});
  ASSERT_EQ(bulk.status, 422);
  EXPECT_TRUE(bulk.json()["errors"].contains("jobs.0.resumes")) << bulk.body;
  // /v1/bulk-screen keeps its own table: Enterprise takes 1000 URLs, not 100.
  HttpClient enterprise(server.url(), CreateToken(dir_.path(), "agency", "enterprise"));
  EXPECT_EQ(enterprise.Post("/v1/bulk-screen", BulkScreenJob(1000)).status, 202);
  HttpResult bulk_over = enterprise.Post("/v1/bulk-screen", BulkScreenJob(1001));
  ASSERT_EQ(bulk_over.status, 400);
  EXPECT_TRUE(bulk_over.json()["errors"].contains("resume_urls")) << bulk_over.body;
}

TEST_F(JobsApiTest, RaisedResumesPerJobCapAcceptsAWholeApplicantPool) {
  ServerProcess server(dir_.path(),
                       {"--max-resumes-per-job", "1200", "--workers", "0", "--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  HttpResult big = client.Post("/api/v1/jobs", PythonJobWithResumes(1200));
  ASSERT_EQ(big.status, 202) << big.body;
  json status =
      client.Get("/api/v1/jobs/" + std::to_string(big.json()["job_id"].get<int>())).json();
  EXPECT_EQ(status["candidate_count"], 1200);
  EXPECT_EQ(client.Post("/api/v1/jobs/bulk", {{"jobs", {PythonJobWithResumes(150)}}}).status, 202);
  HttpResult over = client.Post("/api/v1/jobs", PythonJobWithResumes(1201));
  ASSERT_EQ(over.status, 422);
  EXPECT_EQ(over.json()["errors"]["resumes"][0],
            "The resumes field must not have more than 1200 items.");
  // Above 1000 the cap raises /v1/bulk-screen's Enterprise limit too; lower plans keep theirs.
  HttpClient enterprise(server.url(), CreateToken(dir_.path(), "agency", "enterprise"));
  EXPECT_EQ(enterprise.Post("/v1/bulk-screen", BulkScreenJob(1200)).status, 202);
  EXPECT_EQ(enterprise.Post("/v1/bulk-screen", BulkScreenJob(1201)).status, 400);
  HttpClient standard(server.url(), server.first_token());
  EXPECT_EQ(standard.Post("/v1/bulk-screen", BulkScreenJob(51)).status, 400);
}

TEST_F(JobsApiTest, LoweredResumesPerJobCapComesFromTheEnvironment) {
  ::setenv("SHORTLIST_MAX_RESUMES_PER_JOB", "5", 1);
  ServerProcess server(dir_.path(), {"--workers", "0", "--log-level", "warn"});
  ::unsetenv("SHORTLIST_MAX_RESUMES_PER_JOB");
  HttpClient client(server.url(), server.first_token());
  EXPECT_EQ(client.Post("/api/v1/jobs", PythonJobWithResumes(5)).status, 202);
  HttpResult over = client.Post("/api/v1/jobs", PythonJobWithResumes(6));
  ASSERT_EQ(over.status, 422);
  EXPECT_EQ(over.json()["errors"]["resumes"][0],
            "The resumes field must not have more than 5 items.");
  json conditions = PythonJobWithResumes(2);
  conditions["webhook_conditions"] = {{"only_top_n", 6}};
  HttpResult top_n = client.Post("/api/v1/jobs", conditions);
  ASSERT_EQ(top_n.status, 422);
  EXPECT_TRUE(top_n.json()["errors"].contains("webhook_conditions.only_top_n")) << top_n.body;
}

TEST_F(JobsApiTest, OversizedBodyIs413Json) {
  ServerProcess server(dir_.path(), {"--max-body-bytes", "100000", "--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  json job = ThreeResumeJob();
  job["resumes"][0]["content"] = std::string(200000, 'x');
  HttpResult r = client.Post("/api/v1/jobs", job);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["success"], false);
  EXPECT_EQ(client.Get("/api/v1/jobs").json()["total"], 0);
  HttpResult big_header =
      client.Send("GET", "/api/v1/jobs", "", {{"X-Padding", std::string(20000, 'p')}});
  EXPECT_EQ(big_header.status, 413);
  EXPECT_EQ(big_header.json()["success"], false);
}

TEST_F(JobsApiTest, RateLimitStatusReportsThePlan) {
  ServerProcess server(dir_.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  HttpResult r = client.Get("/api/v1/rate-limit");
  ASSERT_EQ(r.status, 200);
  json j = r.json();
  EXPECT_EQ(j["limit"], 60);
  EXPECT_EQ(j["remaining"], 59);
  EXPECT_TRUE(j["reset_at"].is_string());
  EXPECT_GE(j["reset_in_seconds"].get<int>(), 0);
  EXPECT_LE(j["reset_in_seconds"].get<int>(), 60);
  EXPECT_EQ(r.headers["x-ratelimit-limit"], "60");
  EXPECT_EQ(r.headers["x-ratelimit-remaining"], "59");
}

}  // namespace
}  // namespace shortlist::testing
