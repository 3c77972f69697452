// Agent keys over real HTTP: created with a user token and shown once, permissions enforced
// (403), management closed to agent keys, regenerate and revoke effective at once, another
// account's key is 404, spend limits refuse a job (402) and usage reports what was spent.
#include <gtest/gtest.h>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

json OneResumeJob(int resumes = 1) {
  json list = json::array();
  for (int i = 0; i < resumes; ++i) {
    list.push_back({{"filename", "r" + std::to_string(i) + ".txt"}, {"content", kStrongResume}});
  }
  return {{"title", kPythonJobTitle}, {"description", kPythonJob}, {"resumes", list}};
}

class AgentKeysTest : public ::testing::Test {
 protected:
  AgentKeysTest()
      : server_(dir_.path(), {"--log-level", "warn", "--workers", "0"}),
        user_(server_.url(), server_.first_token()) {}

  // Creates a key; returns the whole answer.
  json Create(const json& body) {
    HttpResult r = user_.Post("/api/v1/agent-keys", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  TempDir dir_;
  ServerProcess server_;
  HttpClient user_;
};

TEST_F(AgentKeysTest, CreateShowsTheKeyOnceWithLimitsInDollars) {
  json created = Create({{"name", "My Recruiting Agent"},
                         {"daily_spend_limit", 5.00},
                         {"monthly_spend_limit", 100.00},
                         {"lifetime_spend_limit", nullptr},
                         {"permissions", {"read", "screen", "email"}}});
  const std::string key = created["key"]["key"];
  EXPECT_EQ(key.rfind("sl_agent_", 0), 0u);
  EXPECT_GE(key.size(), 9u + 32u);  // at least 128 random bits in hex
  json k = created["agent_key"];
  EXPECT_EQ(k["name"], "My Recruiting Agent");
  EXPECT_DOUBLE_EQ(k["daily_spend_limit"].get<double>(), 5.00);
  EXPECT_DOUBLE_EQ(k["monthly_spend_limit"].get<double>(), 100.00);
  EXPECT_TRUE(k["lifetime_spend_limit"].is_null());
  EXPECT_EQ(k["permissions"], json::array({"read", "screen", "email"}));
  EXPECT_EQ(k["is_active"], true);
  EXPECT_EQ(key.rfind(k["key_prefix"].get<std::string>(), 0), 0u);

  // Listing and reading never show the value again.
  HttpResult list = user_.Get("/api/v1/agent-keys");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["agent_keys"].size(), 1u);
  EXPECT_EQ(list.body.find(key), std::string::npos);
  HttpResult one = user_.Get("/api/v1/agent-keys/" + std::to_string(k["id"].get<int>()));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.find(key), std::string::npos);
  EXPECT_EQ(one.json()["agent_key"]["name"], "My Recruiting Agent");
}

TEST_F(AgentKeysTest, ValidationNamesEachBadField) {
  HttpResult r = user_.Post("/api/v1/agent-keys", {{"daily_spend_limit", -1},
                                                   {"monthly_spend_limit", "lots"},
                                                   {"permissions", {"read", "admin"}}});
  ASSERT_EQ(r.status, 422) << r.body;
  json errors = r.json()["errors"];
  EXPECT_TRUE(errors.contains("name"));
  EXPECT_TRUE(errors.contains("daily_spend_limit"));
  EXPECT_TRUE(errors.contains("monthly_spend_limit"));
  EXPECT_TRUE(errors.contains("permissions.1"));
}

TEST_F(AgentKeysTest, PermissionsAreEnforcedAndKeysCannotManageKeys) {
  const std::string key = Create({{"name", "reader"}, {"permissions", {"read"}}})["key"]["key"];
  HttpClient agent(server_.url(), key);
  EXPECT_EQ(agent.Get("/api/v1/jobs").status, 200);
  EXPECT_EQ(agent.Get("/api/v1/credits/balance").status, 200);
  HttpResult screen = agent.Post("/api/v1/jobs", OneResumeJob());
  EXPECT_EQ(screen.status, 403) << screen.body;
  EXPECT_EQ(screen.json()["success"], false);
  EXPECT_EQ(agent.Get("/api/v1/agent-keys").status, 403);
  EXPECT_EQ(agent.Post("/api/v1/agent-keys", {{"name", "child"}}).status, 403);
  EXPECT_EQ(agent.Post("/api/v1/credits/checkout", {{"pack", "pouch"}}).status, 403);

  // Token validation works for any live key and says what it is.
  HttpResult v = agent.Get("/api/v1/schema/validate");
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(v.json()["valid"], true);
  EXPECT_EQ(v.json()["user"]["name"], "default");
  EXPECT_EQ(v.json()["token"]["type"], "agent_key");
  EXPECT_EQ(v.json()["token"]["permissions"], json::array({"read"}));

  const std::string screener =
      Create({{"name", "screener"}, {"permissions", {"screen"}}})["key"]["key"];
  HttpClient screening(server_.url(), screener);
  EXPECT_EQ(screening.Post("/api/v1/jobs", OneResumeJob()).status, 202);
  EXPECT_EQ(screening.Get("/api/v1/jobs").status, 403);
}

TEST_F(AgentKeysTest, RegenerateAndRevokeTakeEffectAtOnce) {
  json created = Create({{"name", "bot"}});
  const std::string old_key = created["key"]["key"];
  const std::string path =
      "/api/v1/agent-keys/" + std::to_string(created["agent_key"]["id"].get<int>());
  HttpClient old_agent(server_.url(), old_key);
  ASSERT_EQ(old_agent.Get("/api/v1/schema/validate").status, 200);

  HttpResult regen = user_.Send("POST", path + "/regenerate", "");
  ASSERT_EQ(regen.status, 200) << regen.body;
  const std::string new_key = regen.json()["key"]["key"];
  EXPECT_NE(new_key, old_key);
  EXPECT_EQ(old_agent.Get("/api/v1/schema/validate").status, 401);
  HttpClient new_agent(server_.url(), new_key);
  EXPECT_EQ(new_agent.Get("/api/v1/schema/validate").status, 200);

  HttpResult revoked = user_.Send("DELETE", path, "");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["agent_key"]["is_active"], false);
  EXPECT_EQ(new_agent.Get("/api/v1/schema/validate").status, 401);
  EXPECT_EQ(user_.Send("POST", path + "/regenerate", "").status, 409);
  EXPECT_EQ(user_.Get(path).json()["agent_key"]["status"], "revoked");
}

TEST_F(AgentKeysTest, AnotherAccountsKeyIsNotFound) {
  json created = Create({{"name", "mine"}});
  const std::string path =
      "/api/v1/agent-keys/" + std::to_string(created["agent_key"]["id"].get<int>());
  HttpClient stranger(server_.url(), CreateToken(dir_.path(), "stranger", "standard"));
  for (const auto& [method, suffix] : std::vector<std::pair<std::string, std::string>>{
           {"GET", ""}, {"GET", "/usage"}, {"PUT", ""}, {"POST", "/regenerate"}, {"DELETE", ""}}) {
    HttpResult r = stranger.Send(method, path + suffix, method == "PUT" ? R"({"name":"x"})" : "");
    EXPECT_EQ(r.status, 404) << method << " " << suffix << " " << r.body;
  }
  EXPECT_EQ(stranger.Get("/api/v1/agent-keys/999999").status, 404);
  EXPECT_EQ(user_.Get(path).status, 200);  // still there, untouched
  EXPECT_EQ(user_.Get(path).json()["agent_key"]["name"], "mine");
}

TEST_F(AgentKeysTest, SpendLimitsRefuseJobsAndUsageReportsTheSpend) {
  json created = Create({{"name", "budget bot"}, {"daily_spend_limit", 0.03}});
  const std::string key = created["key"]["key"];
  const std::string path =
      "/api/v1/agent-keys/" + std::to_string(created["agent_key"]["id"].get<int>());
  HttpClient agent(server_.url(), key);
  ASSERT_EQ(agent.Post("/api/v1/jobs", OneResumeJob(2)).status, 202);
  HttpResult over = agent.Post("/api/v1/jobs", OneResumeJob(2));
  EXPECT_EQ(over.status, 402) << over.body;
  EXPECT_NE(over.json()["error"].get<std::string>().find("daily"), std::string::npos);
  EXPECT_EQ(agent.Post("/api/v1/jobs", OneResumeJob(1)).status, 202);  // exactly the limit

  HttpResult usage = user_.Get(path + "/usage");
  ASSERT_EQ(usage.status, 200) << usage.body;
  json u = usage.json();
  EXPECT_DOUBLE_EQ(u["spend"]["today"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(u["spend"]["this_month"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(u["spend"]["lifetime"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(u["limits"]["daily"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(u["remaining"]["daily"].get<double>(), 0.0);
  EXPECT_TRUE(u["limits"]["monthly"].is_null());
  EXPECT_EQ(u["jobs"], 2);
  EXPECT_EQ(u["candidates"], 3);
  ASSERT_EQ(u["daily"].size(), 1u);
  EXPECT_EQ(u["daily"][0]["jobs"], 2);

  // Raising the limit lets the next job through.
  HttpResult raised = user_.Send("PUT", path, R"({"daily_spend_limit": 1.00})");
  ASSERT_EQ(raised.status, 200) << raised.body;
  EXPECT_DOUBLE_EQ(raised.json()["agent_key"]["daily_spend_limit"].get<double>(), 1.00);
  EXPECT_EQ(raised.json()["agent_key"]["name"], "budget bot");
  EXPECT_EQ(agent.Post("/api/v1/jobs", OneResumeJob(2)).status, 202);
  // The key's charges show in the account's ledger, tagged with the key.
  json rows = user_.Get("/api/v1/credits/transactions?type=charge").json()["transactions"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["agent_key_id"], created["agent_key"]["id"]);
}

}  // namespace
}  // namespace shortlist::testing
