// `shortlist mcp` driven through real pipes, as an AI agent's MCP client does, against a real
// server: the ranking the agent reads is the ranking the server gave.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

class McpSession {
 public:
  explicit McpSession(InteractiveChild& child) : child_(child) {}

  json Request(const std::string& method, const json& params,
               std::chrono::seconds timeout = std::chrono::seconds(60)) {
    const int id = ++next_id_;
    EXPECT_TRUE(child_.WriteLine(
        json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump()));
    auto line = child_.ReadLine(timeout);
    if (!line) {
      ADD_FAILURE() << "no answer to " << method;
      return json();
    }
    json response = json::parse(*line, nullptr, false);
    EXPECT_FALSE(response.is_discarded()) << *line;
    EXPECT_EQ(response["jsonrpc"], "2.0");
    EXPECT_EQ(response["id"], id) << *line;
    return response;
  }

  // tools/call; returns {isError, the text parsed as JSON when it is JSON, else as a string}.
  std::pair<bool, json> CallTool(const std::string& name, const json& arguments) {
    const json r = Request("tools/call", {{"name", name}, {"arguments", arguments}},
                           std::chrono::seconds(120));
    if (!r.contains("result")) {
      ADD_FAILURE() << r.dump();
      return {true, json()};
    }
    const std::string text = r["result"]["content"][0]["text"];
    json parsed = json::parse(text, nullptr, false);
    return {r["result"]["isError"].get<bool>(), parsed.is_discarded() ? json(text) : parsed};
  }

 private:
  InteractiveChild& child_;
  int next_id_ = 0;
};

TEST(McpTest, AnAgentScreensThroughTheRealServerAndReadsItsRanking) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  ASSERT_FALSE(server.url().empty());
  InteractiveChild mcp({"mcp", "--url", server.url(), "--token", server.first_token()});
  ASSERT_TRUE(mcp.running());
  McpSession session(mcp);

  const json init = session.Request(
      "initialize", {{"protocolVersion", "2024-11-05"},
                     {"capabilities", json::object()},
                     {"clientInfo", {{"name", "integration-test"}, {"version", "1.0"}}}});
  EXPECT_EQ(init["result"]["protocolVersion"], "2024-11-05");
  EXPECT_EQ(init["result"]["serverInfo"]["name"], "shortlist");
  EXPECT_TRUE(init["result"]["capabilities"].contains("tools"));
  ASSERT_TRUE(mcp.WriteLine(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));

  const json list = session.Request("tools/list", json::object());
  std::set<std::string> names;
  for (const auto& tool : list["result"]["tools"]) names.insert(tool["name"].get<std::string>());
  for (const char* expected :
       {"screen_resumes", "get_job_status", "get_results", "compare_candidates", "generate_email",
        "report_outcome", "check_credits", "validate_token"}) {
    EXPECT_TRUE(names.count(expected)) << expected;
  }

  // Weak first, strong last: the ranking must come from the scores, not the order.
  auto [screen_error, screened] = session.CallTool(
      "screen_resumes",
      {{"title", kPythonJobTitle},
       {"job_description", kPythonJob},
       {"resumes", json::array({{{"filename", "carol.txt"}, {"content", kWeakResume}},
                                {{"filename", "bob.txt"}, {"content", kMiddleResume}},
                                {{"filename", "alice.txt"}, {"content", kStrongResume}}})}});
  ASSERT_FALSE(screen_error) << screened.dump();
  EXPECT_EQ(screened["status"], "completed");
  const std::int64_t job_id = screened["job_id"];
  ASSERT_EQ(screened["candidates"].size(), 3u) << screened.dump();
  EXPECT_EQ(screened["candidates"][0]["name"], "Alice Example");
  EXPECT_EQ(screened["candidates"][1]["name"], "Bob Sample");
  EXPECT_EQ(screened["candidates"][2]["name"], "Carol Placeholder");
  EXPECT_EQ(screened["candidates"][0]["rank"], 1);

  // The same ranking and scores as the server's own results.
  HttpClient http(server.url(), server.first_token());
  const json direct = http.Get("/api/v1/jobs/" + std::to_string(job_id) + "/results").json();
  ASSERT_EQ(direct["candidates"].size(), 3u);
  auto [results_error, results] = session.CallTool("get_results", {{"job_id", job_id}});
  ASSERT_FALSE(results_error) << results.dump();
  ASSERT_EQ(results["candidates"].size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(results["candidates"][i]["candidate_id"], direct["candidates"][i]["id"]);
    EXPECT_EQ(results["candidates"][i]["score"], direct["candidates"][i]["score"]);
    EXPECT_EQ(results["candidates"][i]["name"], direct["candidates"][i]["name"]);
    EXPECT_EQ(screened["candidates"][i]["score"], direct["candidates"][i]["score"]);
  }
  EXPECT_GT(results["candidates"][0]["score"].get<int>(),
            results["candidates"][2]["score"].get<int>());

  auto [status_error, status] = session.CallTool("get_job_status", {{"job_id", job_id}});
  ASSERT_FALSE(status_error);
  EXPECT_EQ(status["status"], "completed");
  EXPECT_EQ(status["candidate_count"], 3);

  const std::int64_t best = results["candidates"][0]["candidate_id"];
  const std::int64_t worst = results["candidates"][2]["candidate_id"];
  auto [compare_error, compared] = session.CallTool(
      "compare_candidates", {{"job_id", job_id}, {"candidate_ids", {worst, best}}});
  ASSERT_FALSE(compare_error) << compared.dump();
  EXPECT_EQ(compared["top_candidate"], "Alice Example");

  auto [email_error, email] = session.CallTool(
      "generate_email", {{"job_id", job_id}, {"candidate_id", best}, {"type", "invite"}});
  ASSERT_FALSE(email_error) << email.dump();
  EXPECT_FALSE(email["email"]["subject"].get<std::string>().empty());
  EXPECT_NE(email["email"]["body"].get<std::string>().find("Alice"), std::string::npos);

  auto [outcome_error, outcome] = session.CallTool(
      "report_outcome", {{"job_id", job_id}, {"candidate_id", best}, {"outcome", "hired"}});
  EXPECT_FALSE(outcome_error) << outcome.dump();

  // Credits: whatever the server answers for the balance, the tool reports the same.
  const HttpResult balance = http.Get("/api/v1/credits/balance");
  auto [credits_error, credits] = session.CallTool("check_credits", json::object());
  if (balance.status == 404) {
    EXPECT_TRUE(credits_error);
    EXPECT_NE(credits.get<std::string>().find("does not offer credits"), std::string::npos);
  } else {
    ASSERT_EQ(balance.status, 200);
    EXPECT_FALSE(credits_error) << credits.dump();
    json expected = balance.json();
    expected.erase("success");
    EXPECT_EQ(credits, expected);
  }
  auto [token_error, token] = session.CallTool("validate_token", json::object());
  EXPECT_FALSE(token_error) << token.dump();
  EXPECT_EQ(token["valid"], true);

  // A foreign or missing job is the server's 404, shown to the agent as a failed call.
  auto [missing_error, missing] = session.CallTool("get_job_status", {{"job_id", 999999}});
  EXPECT_TRUE(missing_error);

  // Protocol errors do not end the session.
  ASSERT_TRUE(mcp.WriteLine("this is not json"));
  auto parse_error = mcp.ReadLine(std::chrono::seconds(10));
  ASSERT_TRUE(parse_error.has_value());
  EXPECT_EQ(json::parse(*parse_error)["error"]["code"], -32700);
  EXPECT_EQ(session.Request("no/such", json::object())["error"]["code"], -32601);
  EXPECT_EQ(session.Request("ping", json::object())["result"], json::object());

  EXPECT_EQ(mcp.CloseAndWait(), 0) << "the server ends cleanly when stdin closes";
}

TEST(McpTest, AWrongTokenIsReportedToTheAgent) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  InteractiveChild mcp({"mcp", "--url", server.url(), "--token", "sl_not_a_real_token"});
  McpSession session(mcp);
  session.Request("initialize", {{"protocolVersion", "2024-11-05"}});
  auto [token_error, token] = session.CallTool("validate_token", json::object());
  EXPECT_FALSE(token_error);
  EXPECT_EQ(token["valid"], false);
  auto [list_error, list] = session.CallTool("list_jobs", json::object());
  EXPECT_TRUE(list_error);
  EXPECT_NE(list.get<std::string>().find("token"), std::string::npos) << list.dump();
  EXPECT_EQ(mcp.CloseAndWait(), 0);
}

}  // namespace
}  // namespace shortlist::testing
