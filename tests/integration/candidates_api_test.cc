// Candidate follow-up over real HTTP: compare, generate-email, PATCH status/notes, outcome.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

class CandidatesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path(),
                                              std::vector<std::string>{"--log-level", "warn"});
    client_ = std::make_unique<HttpClient>(server_->url(), server_->first_token());
    json job = {{"title", kPythonJobTitle},
                {"description", kPythonJob},
                {"resumes", json::array({{{"filename", "alice.txt"}, {"content", kStrongResume}},
                                         {{"filename", "bob.txt"}, {"content", kMiddleResume}},
                                         {{"filename", "carol.txt"}, {"content", kWeakResume}}})}};
    job_id_ = client_->Post("/api/v1/jobs", job).json()["job_id"];
    for (int i = 0; i < 500; ++i) {
      if (client_->Get(path()).json()["status"] == "completed") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "job did not complete";
  }
  std::string path() const { return "/api/v1/jobs/" + std::to_string(job_id_); }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
  std::int64_t job_id_ = 0;
};

TEST_F(CandidatesApiTest, CompareRanksAndExplainsFeatureByFeature) {
  HttpResult r = client_->Get(path() + "/compare?ids=3,1,2");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.json();
  EXPECT_EQ(j["job_id"], job_id_);
  EXPECT_EQ(j["compared_count"], 3);
  EXPECT_EQ(j["top_candidate"], "Alice Example");
  ASSERT_EQ(j["candidates"].size(), 3u);
  EXPECT_EQ(j["candidates"][0]["id"], 1);
  EXPECT_EQ(j["top_score"], j["candidates"][0]["score"]);
  EXPECT_EQ(j["score_range"],
            j["candidates"][0]["score"].get<int>() - j["candidates"][2]["score"].get<int>());
  ASSERT_FALSE(j["feature_comparison"].empty());
  for (const auto& f : j["feature_comparison"]) {
    EXPECT_TRUE(f["feature"].is_string());
    EXPECT_EQ(f["points"].size(), 3u) << f.dump();
  }
  EXPECT_EQ(client_->Get(path() + "/compare?ids=1,99").status, 404);
  EXPECT_EQ(client_->Get(path() + "/compare").status, 422);
  EXPECT_EQ(client_->Get(path() + "/compare?ids=a,b").status, 422);
}

TEST_F(CandidatesApiTest, GeneratedEmailIsAboutThisCandidateAndJob) {
  HttpResult r = client_->Post(path() + "/generate-email",
                               {{"candidate_id", 1},
                                {"type", "invite"},
                                {"tone", "friendly"},
                                {"custom_notes", "We loved your PostgreSQL tuning story."}});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.json();
  EXPECT_EQ(j["success"], true);
  EXPECT_EQ(j["candidate_id"], 1);
  EXPECT_EQ(j["candidate_name"], "Alice Example");
  EXPECT_EQ(j["email"]["type"], "invite");
  EXPECT_EQ(j["email"]["tone"], "friendly");
  std::string body = j["email"]["body"], subject = j["email"]["subject"];
  EXPECT_NE(body.find("Alice"), std::string::npos) << body;
  EXPECT_NE(body.find("PostgreSQL tuning story"), std::string::npos) << body;
  EXPECT_NE((subject + body).find(kPythonJobTitle), std::string::npos) << subject << body;
  for (const char* type : {"rejection", "keep-warm", "followup"}) {
    for (const char* tone : {"professional", "casual", "enthusiastic", "formal"}) {
      HttpResult e = client_->Post(path() + "/generate-email",
                                   {{"candidate_id", 2}, {"type", type}, {"tone", tone}});
      ASSERT_EQ(e.status, 200) << type << " " << tone << " " << e.body;
      EXPECT_EQ(e.json()["email"]["type"], type);
      EXPECT_FALSE(e.json()["email"]["subject"].get<std::string>().empty());
    }
  }
  HttpResult bad =
      client_->Post(path() + "/generate-email", {{"candidate_id", 1}, {"type", "love-letter"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["errors"].contains("type"));
  EXPECT_EQ(
      client_->Post(path() + "/generate-email", {{"candidate_id", 42}, {"type", "invite"}}).status,
      404);
}

TEST_F(CandidatesApiTest, StatusAndNotesUpdateAndShowInResults) {
  HttpResult r =
      client_->Send("PATCH", path() + "/candidates/2",
                    json{{"status", "shortlisted"}, {"user_notes", "Call on Monday"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["candidate"]["status"], "shortlisted");
  json results = client_->Get(path() + "/results").json();
  bool found = false;
  for (const auto& c : results["candidates"]) {
    if (c["id"] == 2) {
      found = true;
      EXPECT_EQ(c["status"], "shortlisted");
      EXPECT_EQ(c["user_notes"], "Call on Monday");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(
      client_->Send("PATCH", path() + "/candidates/2", json{{"status", "married"}}.dump()).status,
      422);
  EXPECT_EQ(client_->Send("PATCH", path() + "/candidates/9", json{{"status", "new"}}.dump()).status,
            404);
}

TEST_F(CandidatesApiTest, OutcomesAreRecordedAndValidated) {
  HttpResult r = client_->Post(path() + "/outcome", {{"candidate_id", 1}, {"outcome", "hired"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["message"], "Outcome recorded successfully.");
  EXPECT_EQ(
      client_->Post(path() + "/outcome", {{"candidate_id", 1}, {"outcome", "promoted"}}).status,
      422);
  EXPECT_EQ(client_->Post(path() + "/outcome", {{"candidate_id", 7}, {"outcome", "hired"}}).status,
            404);
  EXPECT_EQ(client_->Post("/api/v1/jobs/9999/outcome", {{"candidate_id", 1}, {"outcome", "hired"}})
                .status,
            404);
}

}  // namespace
}  // namespace shortlist::testing
