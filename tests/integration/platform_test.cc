// Platform behaviour over real HTTP: Idempotency-Key on creating POSTs, POST /api/v1/jobs/bulk,
// and the Evaluate API's per-plan bulk caps.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "base64.h"
#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

json OneResumeJob(const std::string& title) {
  return {{"title", title},
          {"description", kPythonJob},
          {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}}})}};
}

std::map<std::string, std::string> Key(const std::string& key) {
  return {{"Idempotency-Key", key}, {"Content-Type", "application/json"}};
}

int JobCount(const HttpClient& client) {
  return client.Get("/api/v1/jobs?limit=100").json()["total"].get<int>();
}

class PlatformTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(PlatformTest, SameKeyAndBodyReplaysTheFirstAnswerWithoutANewJob) {
  // --workers 0: the jobs stay queued, so the count of jobs is exact.
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::string body = OneResumeJob("Backend").dump();

  HttpResult first = client.Send("POST", "/api/v1/jobs", body, Key("key-1"));
  ASSERT_EQ(first.status, 202) << first.body;
  HttpResult again = client.Send("POST", "/api/v1/jobs", body, Key("key-1"));
  EXPECT_EQ(again.status, 202);
  EXPECT_EQ(again.json()["job_id"], first.json()["job_id"]);
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(JobCount(client), 1);

  HttpResult other_body =
      client.Send("POST", "/api/v1/jobs", OneResumeJob("Frontend").dump(), Key("key-1"));
  EXPECT_EQ(other_body.status, 422) << other_body.body;
  EXPECT_TRUE(other_body.json()["errors"].contains("Idempotency-Key"));

  HttpResult new_key = client.Send("POST", "/api/v1/jobs", body, Key("key-2"));
  EXPECT_EQ(new_key.status, 202);
  EXPECT_NE(new_key.json()["job_id"], first.json()["job_id"]);
  HttpResult no_key = client.Post("/api/v1/jobs", OneResumeJob("Backend"));
  EXPECT_EQ(no_key.status, 202);
  EXPECT_EQ(JobCount(client), 3);
}

TEST_F(PlatformTest, KeysBelongToTheirAccountAndFailedAnswersAreNotKept) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient owner(server.url(), server.first_token());
  HttpClient other(server.url(), CreateToken(dir_.path(), "other", "standard"));
  const std::string body = OneResumeJob("Backend").dump();

  json invalid = OneResumeJob("Backend");
  invalid.erase("description");
  HttpResult rejected = owner.Send("POST", "/api/v1/jobs", invalid.dump(), Key("shared"));
  EXPECT_EQ(rejected.status, 422);
  // The failed first attempt left the key free: the corrected retry runs.
  HttpResult corrected = owner.Send("POST", "/api/v1/jobs", body, Key("shared"));
  EXPECT_EQ(corrected.status, 202) << corrected.body;
  EXPECT_FALSE(corrected.headers.count("idempotent-replayed"));

  HttpResult theirs = other.Send("POST", "/api/v1/jobs", body, Key("shared"));
  EXPECT_EQ(theirs.status, 202);
  EXPECT_NE(theirs.json()["job_id"], corrected.json()["job_id"]);
  EXPECT_EQ(JobCount(other), 1);
}

TEST_F(PlatformTest, ConcurrentRequestsWithOneKeyCreateOneJob) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::string body = OneResumeJob("Backend").dump();
  constexpr int kRequests = 8;
  std::vector<HttpResult> results(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back(
        [&, i] { results[i] = client.Send("POST", "/api/v1/jobs", body, Key("race")); });
  }
  for (auto& t : threads) t.join();
  std::set<std::int64_t> ids;
  for (const auto& r : results) {
    ASSERT_EQ(r.status, 202) << r.body;
    ids.insert(r.json()["job_id"].get<std::int64_t>());
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(JobCount(client), 1);
}

TEST_F(PlatformTest, BulkJobsAreAcceptedTogetherAndEachCompletes) {
  ServerProcess server(dir_.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  HttpResult created = client.Post(
      "/api/v1/jobs/bulk", {{"jobs", json::array({OneResumeJob("One"), OneResumeJob("Two")})}});
  ASSERT_EQ(created.status, 202) << created.body;
  json c = created.json();
  ASSERT_EQ(c["job_ids"].size(), 2u);
  EXPECT_EQ(c["jobs"][1]["title"], "Two");
  EXPECT_EQ(c["jobs"][1]["job_id"], c["job_ids"][1]);
  for (const auto& id : c["job_ids"]) {
    const std::string path = "/api/v1/jobs/" + std::to_string(id.get<std::int64_t>());
    json status;
    for (int i = 0; i < 500; ++i) {
      status = client.Get(path).json();
      if (status["status"] != "processing") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(status["status"], "completed") << status.dump();
    EXPECT_EQ(status["candidate_count"], 1);
  }
}

TEST_F(PlatformTest, BulkValidationNamesTheJobAndAcceptsNothing) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  json bad = OneResumeJob("Two");
  bad.erase("title");
  bad["resumes"][0].erase("content");
  HttpResult r =
      client.Post("/api/v1/jobs/bulk", {{"jobs", json::array({OneResumeJob("One"), bad})}});
  ASSERT_EQ(r.status, 422) << r.body;
  json errors = r.json()["errors"];
  EXPECT_TRUE(errors.contains("jobs.1.title")) << errors.dump();
  EXPECT_TRUE(errors.contains("jobs.1.resumes.0.content")) << errors.dump();
  EXPECT_FALSE(errors.contains("jobs.0.title"));
  EXPECT_EQ(JobCount(client), 0) << "a bulk request with an invalid job queues nothing";

  json eleven = json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back(OneResumeJob("Job " + std::to_string(i)));
  HttpResult too_many = client.Post("/api/v1/jobs/bulk", {{"jobs", eleven}});
  EXPECT_EQ(too_many.status, 422);
  EXPECT_TRUE(too_many.json()["errors"].contains("jobs"));
  EXPECT_EQ(client.Post("/api/v1/jobs/bulk", {{"jobs", json::array()}}).status, 422);
}

TEST_F(PlatformTest, AJobWithNoReadableResumeFailsAndSaysWhy) {
  ServerProcess server(dir_.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  const std::string broken = Base64("%PDF-1.7\nthis is not really a PDF at all\n%%EOF");
  json job = {{"title", "Backend"},
              {"description", kPythonJob},
              {"resumes", json::array({{{"filename", "a.pdf"}, {"base64", broken}},
                                       {{"filename", "b.pdf"}, {"base64", broken}}})}};
  HttpResult created = client.Post("/api/v1/jobs", job);
  ASSERT_EQ(created.status, 202) << created.body;
  const std::string path = "/api/v1/jobs/" + std::to_string(created.json()["job_id"].get<int>());
  json status;
  for (int i = 0; i < 500; ++i) {
    status = client.Get(path).json();
    if (status["status"] != "processing") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status["status"], "failed") << status.dump();
  EXPECT_NE(status["error"].get<std::string>().find("None of the 2 resumes"), std::string::npos);
  HttpResult results = client.Get(path + "/results");
  ASSERT_EQ(results.status, 200) << "a failed job still lists each candidate's error";
  EXPECT_FALSE(results.json()["candidates"][0]["error"].is_null());
}

TEST_F(PlatformTest, BulkScreenCapsResumesPerCallByPlan) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient starter(server.url(), CreateToken(dir_.path(), "small", "starter"));
  HttpClient pro(server.url(), CreateToken(dir_.path(), "large", "pro"));
  auto urls = [](int n) {
    json list = json::array();
    for (int i = 0; i < n; ++i) list.push_back("https://example.com/r" + std::to_string(i));
    return list;
  };
  auto request = [&](int n) {
    return json{{"job_description", kPythonJob}, {"resume_urls", urls(n)}};
  };
  EXPECT_EQ(starter.Post("/v1/bulk-screen", request(10)).status, 202);
  HttpResult over = starter.Post("/v1/bulk-screen", request(11));
  EXPECT_EQ(over.status, 400) << over.body;
  EXPECT_NE(over.json()["errors"]["resume_urls"][0].get<std::string>().find("starter"),
            std::string::npos);
  EXPECT_EQ(pro.Post("/v1/bulk-screen", request(100)).status, 202);
  EXPECT_EQ(pro.Post("/v1/bulk-screen", request(101)).status, 400);
}

}  // namespace
}  // namespace shortlist::testing
