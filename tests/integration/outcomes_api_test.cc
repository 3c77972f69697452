// Outcome learning over real HTTP: reported outcomes teach the account's model (GET
// /api/v1/outcomes/model shows it), later rankings of that account carry an explained
// account_model entry, another account is untouched, outcome_weight 0 switches it off and
// DELETE resets it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

const char* kTitle = "Client Relationship Associate";
const char* kPosting =
    "Client-facing role in financial services. Build customer relationships, meet sales "
    "targets, advise clients on accounts, handle customer service and cash handling.";

std::string Banker(int i) {
  return "Candidate " + std::to_string(i) +
         "\nPersonal Banker\nFirst Savings Bank, 2016 - Present\nOpened deposit accounts, "
         "processed loans and mortgages, cash handling, teller operations, branch operations, "
         "KYC and anti-money laundering checks, retail banking.\nBank Teller, City Bank, "
         "2013 - 2016\nBachelor of Commerce, Finance";
}
std::string Seller(int i) {
  return "Candidate " + std::to_string(i) +
         "\nSales Representative\nAcme Wholesale, 2016 - Present\nCold calling, lead "
         "generation, Salesforce CRM, B2B sales, negotiation, territory management, closed "
         "deals and exceeded quota.\nRetail Sales Associate, ShopCo, 2013 - 2016\nHigh School "
         "Diploma";
}

class OutcomesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path(),
                                              std::vector<std::string>{"--log-level", "warn"});
    // Enterprise: no rate limit to trip while polling jobs on a busy machine.
    client_ = std::make_unique<HttpClient>(server_->url(),
                                           CreateToken(dir_.path(), "learner", "enterprise"));
  }

  // Screens the resumes as one job of `client`'s account and waits for it; its id.
  std::int64_t Screen(HttpClient& client, const std::vector<std::string>& resumes) {
    json list = json::array();
    for (std::size_t i = 0; i < resumes.size(); ++i) {
      list.push_back({{"filename", "r" + std::to_string(i) + ".txt"}, {"content", resumes[i]}});
    }
    HttpResult r = client.Post("/api/v1/jobs",
                               {{"title", kTitle}, {"description", kPosting}, {"resumes", list}});
    EXPECT_EQ(r.status, 202) << r.body;
    std::int64_t id = r.json()["job_id"];
    // Generous: the whole suite runs beside this on two shared cores.
    std::string status;
    for (int i = 0; i < 600 && status != "completed"; ++i) {
      status = client.Get("/api/v1/jobs/" + std::to_string(id)).json()["status"];
      if (status != "completed") std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(status, "completed") << "job " << id;
    return id;
  }

  // The account_model entry of candidate `id` (1-based) of a job, or null.
  json ModelEntry(HttpClient& client, std::int64_t job, int id) {
    json results = client.Get("/api/v1/jobs/" + std::to_string(job) + "/results").json();
    for (const auto& c : results["candidates"]) {
      if (c["id"] != id) continue;
      for (const auto& f : c["raw_analysis"]["score_breakdown"]) {
        if (f["name"] == "account_model") return f;
      }
    }
    return nullptr;
  }

  // Hires the bankers and rejects the sellers of a fresh job: 5 + 5 outcomes.
  void Teach() {
    std::vector<std::string> resumes;
    for (int i = 0; i < 5; ++i) resumes.push_back(Banker(i));
    for (int i = 0; i < 5; ++i) resumes.push_back(Seller(i));
    std::int64_t job = Screen(*client_, resumes);
    for (int i = 1; i <= 10; ++i) {
      HttpResult r =
          client_->Post("/api/v1/jobs/" + std::to_string(job) + "/outcome",
                        {{"candidate_id", i}, {"outcome", i <= 5 ? "hired" : "rejected"}});
      ASSERT_EQ(r.status, 200) << r.body;
    }
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(OutcomesApiTest, OutcomesTeachTheAccountsModelAndExplainLaterScores) {
  json fresh = client_->Get("/api/v1/outcomes/model").json();
  EXPECT_EQ(fresh["trained"], false);
  EXPECT_EQ(fresh["outcome_weight"], 1.0);
  Teach();
  HttpResult shown = client_->Get("/api/v1/outcomes/model");
  ASSERT_EQ(shown.status, 200) << shown.body;
  json m = shown.json();
  EXPECT_EQ(m["trained"], true);
  EXPECT_EQ(m["outcomes"]["hired"], 5);
  EXPECT_EQ(m["outcomes"]["rejected"], 5);
  ASSERT_FALSE(m["features"].empty());
  EXPECT_TRUE(m["features"][0]["description"].is_string());

  std::int64_t later = Screen(*client_, {Banker(7), Seller(7)});
  json banker = ModelEntry(*client_, later, 1), seller = ModelEntry(*client_, later, 2);
  ASSERT_TRUE(banker.is_object());
  ASSERT_TRUE(seller.is_object());
  EXPECT_GT(banker["points"].get<double>(), 0);
  EXPECT_LT(seller["points"].get<double>(), 0);
  EXPECT_LE(std::abs(banker["points"].get<double>()), 10.0);
  EXPECT_NE(banker["explanation"].get<std::string>().find(
                "hired candidates at this account for similar roles often had"),
            std::string::npos)
      << banker["explanation"];

  // Another account: nothing learned, nothing applied.
  HttpClient other(server_->url(), CreateToken(dir_.path(), "other-co", "enterprise"));
  json theirs = other.Get("/api/v1/outcomes/model").json();
  EXPECT_EQ(theirs["trained"], false);
  EXPECT_EQ(theirs["outcomes"]["hired"], 0);
  std::int64_t their_job = Screen(other, {Banker(8), Seller(8)});
  EXPECT_TRUE(ModelEntry(other, their_job, 1).is_null());
  // Nor can it report outcomes on this account's jobs.
  EXPECT_EQ(other
                .Post("/api/v1/jobs/" + std::to_string(later) + "/outcome",
                      {{"candidate_id", 1}, {"outcome", "hired"}})
                .status,
            404);
}

TEST_F(OutcomesApiTest, WeightZeroSwitchesOffAndDeleteResets) {
  Teach();
  EXPECT_EQ(client_->Send("PATCH", "/api/v1/outcomes/model", R"({"outcome_weight": 4})").status,
            422);
  HttpResult off = client_->Send("PATCH", "/api/v1/outcomes/model", R"({"outcome_weight": 0})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["outcome_weight"], 0.0);
  std::int64_t job = Screen(*client_, {Banker(9), Seller(9)});
  EXPECT_TRUE(ModelEntry(*client_, job, 1).is_null()) << "weight 0: no contribution";

  ASSERT_EQ(client_->Send("PATCH", "/api/v1/outcomes/model", R"({"outcome_weight": 1})").status,
            200);
  HttpResult reset = client_->Send("DELETE", "/api/v1/outcomes/model", "");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.json()["trained"], false);
  EXPECT_EQ(reset.json()["outcomes"]["ignored"], 10);
  EXPECT_TRUE(reset.json()["reset_at"].is_string());
  std::int64_t after = Screen(*client_, {Banker(10), Seller(10)});
  EXPECT_TRUE(ModelEntry(*client_, after, 1).is_null()) << "outcomes before the reset are ignored";
}

TEST_F(OutcomesApiTest, OnlyUserTokensSeeTheModel) {
  HttpResult key = client_->Post("/api/v1/agent-keys", {{"name", "bot"}});
  ASSERT_EQ(key.status, 201) << key.body;
  HttpClient agent(server_->url(), key.json()["key"]["key"].get<std::string>());
  EXPECT_EQ(agent.Get("/api/v1/outcomes/model").status, 403);
  EXPECT_EQ(agent.Send("DELETE", "/api/v1/outcomes/model", "").status, 403);
  HttpClient anonymous(server_->url(), "");
  EXPECT_EQ(anonymous.Get("/api/v1/outcomes/model").status, 401);
}

}  // namespace
}  // namespace shortlist::testing
