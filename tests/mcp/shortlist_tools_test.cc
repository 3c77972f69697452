// The Shortlist tools against an in-memory HTTP server (FakeHttpClient): what each tool sends
// to the API and what the agent reads back.
#include "mcp/shortlist_tools.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/crypto.h"
#include "fake_http_client.h"
#include "mcp/server.h"

namespace shortlist::mcp {
namespace {

using client::testing::FakeHttpClient;
using nlohmann::json;

const std::string kDescription =
    "Senior Python Engineer\nWe need 5+ years of Python, Django and PostgreSQL for our APIs.";

json ResultsPage() {
  return {{"success", true},
          {"job_id", 7},
          {"title", "Senior Python Engineer"},
          {"status", "completed"},
          {"total_candidates", 3},
          {"per_page", 50},
          {"current_page", 1},
          {"last_page", 1},
          {"candidates",
           json::array({{{"id", 2},
                         {"name", "Alice"},
                         {"score", 88},
                         {"qualified", true},
                         {"summary", "Strong."},
                         {"matched_skills", {"Python", "Django"}},
                         {"missing_skills", json::array()},
                         {"raw_analysis", {{"filename", "alice.txt"}}},
                         {"error", nullptr}},
                        {{"id", 1},
                         {"name", "Bob"},
                         {"score", 31},
                         {"qualified", false},
                         {"missing_skills", {"Django"}},
                         {"raw_analysis", {{"filename", "bob.pdf"}}},
                         {"error", nullptr}},
                        {{"id", 3},
                         {"name", nullptr},
                         {"score", 0},
                         {"raw_analysis", {{"filename", "broken.pdf"}}},
                         {"error", {{"code", "corrupt_file"}, {"message", "damaged"}}}}})}};
}

class ShortlistToolsTest : public ::testing::Test {
 protected:
  ShortlistToolsTest() : api_(Config(), http_) {
    ShortlistToolsOptions options;
    options.poll_interval = std::chrono::milliseconds(1);
    server_ = std::make_unique<McpServer>(ServerInfo{}, ShortlistTools(api_, options));
    dir_ = std::filesystem::temp_directory_path() / ("shortlist_mcp_" + RandomHex(6));
    std::filesystem::create_directories(dir_);
  }
  ~ShortlistToolsTest() override { std::filesystem::remove_all(dir_); }

  static client::ClientConfig Config() {
    client::ClientConfig c;
    c.base_url = "http://127.0.0.1:9";
    c.token = "sl_t";
    return c;
  }

  // tools/call through the protocol; returns {isError, text}.
  std::pair<bool, std::string> CallTool(const std::string& name, const json& arguments) {
    const json r = json::parse(*server_->HandleLine(json{
        {"jsonrpc", "2.0"},
        {"id", 1},
        {"method", "tools/call"},
        {"params",
         {{"name", name}, {"arguments", arguments}}}}.dump()));
    if (r.contains("error")) return {true, "PROTOCOL " + r["error"].dump()};
    return {r["result"]["isError"].get<bool>(), r["result"]["content"][0]["text"]};
  }

  std::vector<net::HttpRequest> Sent(const std::string& method, const std::string& prefix) {
    std::vector<net::HttpRequest> out;
    for (const auto& r : http_.requests()) {
      if (r.method == method && FakeHttpClient::PathOf(r.url).rfind(prefix, 0) == 0)
        out.push_back(r);
    }
    return out;
  }

  FakeHttpClient http_;
  client::ApiClient api_;
  std::unique_ptr<McpServer> server_;
  std::filesystem::path dir_;
};

TEST_F(ShortlistToolsTest, ListsEveryToolWithAnObjectSchema) {
  const json r =
      json::parse(*server_->HandleLine(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})"));
  std::vector<std::string> names;
  for (const auto& t : r["result"]["tools"]) {
    names.push_back(t["name"]);
    EXPECT_EQ(t["inputSchema"]["type"], "object") << t["name"];
    EXPECT_FALSE(t["description"].get<std::string>().empty());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"screen_resumes", "get_job_status", "list_jobs",
                                             "get_results", "compare_candidates", "generate_email",
                                             "report_outcome", "cancel_job", "check_credits",
                                             "validate_token"}));
}

TEST_F(ShortlistToolsTest, ScreenResumesSendsTextAndFilesWaitsAndReturnsTheRanking) {
  const std::filesystem::path file = dir_ / "bob.pdf";
  std::ofstream(file, std::ios::binary) << "foobar";
  http_.Answer("POST", "/api/v1/jobs", 202,
               {{"success", true}, {"job_id", 7}, {"status", "processing"}});
  http_.Answer("GET", "/api/v1/jobs/7", 200, {{"job_id", 7}, {"status", "processing"}});
  http_.Answer("GET", "/api/v1/jobs/7", 200,
               {{"job_id", 7}, {"status", "completed"}, {"summary", {{"qualified_count", 1}}}});
  http_.Answer("GET", "/api/v1/jobs/7/results", 200, ResultsPage());

  auto [is_error, text] = CallTool(
      "screen_resumes",
      {{"job_description", kDescription},
       {"leniency_level", 7},
       {"top_n", 5},
       {"resumes", json::array({{{"filename", "alice.txt"}, {"content", "Alice ... Python"}},
                                {{"path", file.string()}}})},
       {"resume_paths", json::array({(dir_ / "missing.docx").string()})}});
  ASSERT_FALSE(is_error) << text;

  const auto created = Sent("POST", "/api/v1/jobs");
  ASSERT_EQ(created.size(), 1u);
  const json body = json::parse(created[0].body);
  EXPECT_EQ(body["title"], "Senior Python Engineer") << "the description's first line";
  EXPECT_EQ(body["description"], kDescription);
  EXPECT_EQ(body["leniency_level"], 7);
  ASSERT_EQ(body["resumes"].size(), 2u);
  EXPECT_EQ(body["resumes"][0], json({{"filename", "alice.txt"}, {"content", "Alice ... Python"}}));
  EXPECT_EQ(body["resumes"][1], json({{"filename", "bob.pdf"}, {"base64", "Zm9vYmFy"}}));
  ASSERT_EQ(Sent("GET", "/api/v1/jobs/7/results").size(), 1u);
  EXPECT_EQ(FakeHttpClient::PathOf(Sent("GET", "/api/v1/jobs/7/results")[0].url),
            "/api/v1/jobs/7/results?only_top_n=5");

  const json out = json::parse(text);
  EXPECT_EQ(out["job_id"], 7);
  EXPECT_EQ(out["status"], "completed");
  EXPECT_EQ(out["summary"]["qualified_count"], 1);
  ASSERT_EQ(out["candidates"].size(), 3u);
  EXPECT_EQ(out["candidates"][0]["name"], "Alice");
  EXPECT_EQ(out["candidates"][0]["rank"], 1);
  EXPECT_EQ(out["candidates"][0]["candidate_id"], 2);
  EXPECT_EQ(out["candidates"][0]["file"], "alice.txt");
  EXPECT_EQ(out["candidates"][1]["name"], "Bob");
  EXPECT_EQ(out["candidates"][1]["rank"], 2);
  EXPECT_TRUE(out["candidates"][2]["rank"].is_null());
  EXPECT_EQ(out["candidates"][2]["error"]["code"], "corrupt_file");
  ASSERT_EQ(out["unreadable_files"].size(), 1u);
  EXPECT_NE(out["unreadable_files"][0]["error"].get<std::string>().find("missing.docx"),
            std::string::npos);
}

TEST_F(ShortlistToolsTest, ScreenResumesWithoutWaitingReturnsTheJobId) {
  http_.Answer("POST", "/api/v1/jobs", 202,
               {{"success", true}, {"job_id", 9}, {"status", "processing"}});
  auto [is_error, text] = CallTool("screen_resumes", {{"job_description", kDescription},
                                                      {"title", "Backend"},
                                                      {"wait", false},
                                                      {"resumes", {{{"content", "resume text"}}}}});
  ASSERT_FALSE(is_error) << text;
  const json out = json::parse(text);
  EXPECT_EQ(out["job_id"], 9);
  EXPECT_EQ(out["status"], "processing");
  EXPECT_TRUE(Sent("GET", "/api/v1/jobs").empty());
  EXPECT_EQ(json::parse(Sent("POST", "/api/v1/jobs")[0].body)["title"], "Backend");
}

TEST_F(ShortlistToolsTest, ScreenResumesRefusesUnusableInput) {
  auto [both_error, both] = CallTool(
      "screen_resumes",
      {{"job_description", kDescription}, {"resumes", {{{"content", "x"}, {"path", "/tmp/x"}}}}});
  EXPECT_TRUE(both_error);
  EXPECT_NE(both.find("exactly one of content"), std::string::npos);
  auto [none_error, none] = CallTool(
      "screen_resumes",
      {{"job_description", kDescription}, {"resume_paths", {(dir_ / "gone.pdf").string()}}});
  EXPECT_TRUE(none_error);
  EXPECT_NE(none.find("gone.pdf"), std::string::npos) << none;
  EXPECT_TRUE(http_.requests().empty()) << "nothing is sent without a resume";
  auto [short_error, short_text] = CallTool("screen_resumes", {{"job_description", "too short"}});
  EXPECT_EQ(short_text.rfind("PROTOCOL", 0), 0u) << "schema violations are -32602";
  EXPECT_NE(short_text.find("-32602"), std::string::npos);
}

TEST_F(ShortlistToolsTest, ServerValidationErrorsReachTheAgent) {
  http_.Answer(
      "POST", "/api/v1/jobs", 422,
      {{"success", false},
       {"error", "The given data was invalid."},
       {"errors",
        {{"resumes.0.content", {"The resumes.0.content field must be at least 50 characters."}}}}});
  auto [is_error, text] = CallTool(
      "screen_resumes", {{"job_description", kDescription}, {"resumes", {{{"content", "short"}}}}});
  EXPECT_TRUE(is_error);
  EXPECT_NE(text.find("must be at least 50 characters"), std::string::npos) << text;
}

TEST_F(ShortlistToolsTest, GetResultsIsCompactUnlessDetailAndExplainsTooEarly) {
  http_.Answer("GET", "/api/v1/jobs/7/results", 200, ResultsPage());
  auto [ok_error, compact] = CallTool("get_results", {{"job_id", 7}, {"min_score", 30}});
  ASSERT_FALSE(ok_error);
  const json c = json::parse(compact);
  EXPECT_EQ(c["candidates"][0]["name"], "Alice");
  EXPECT_FALSE(c["candidates"][0].contains("raw_analysis"));
  EXPECT_EQ(FakeHttpClient::PathOf(http_.requests().back().url),
            "/api/v1/jobs/7/results?min_score=30");
  auto [detail_error, detail] = CallTool("get_results", {{"job_id", 7}, {"detail", true}});
  EXPECT_TRUE(json::parse(detail)["candidates"][0].contains("raw_analysis"));
  EXPECT_FALSE(json::parse(detail).contains("success"));

  http_.Answer("GET", "/api/v1/jobs/8/results", 425,
               {{"success", false}, {"error", "Job is still processing."}});
  auto [early_error, early] = CallTool("get_results", {{"job_id", 8}});
  EXPECT_TRUE(early_error);
  EXPECT_NE(early.find("get_job_status"), std::string::npos);
}

TEST_F(ShortlistToolsTest, EmailOutcomeAndCompareMapToTheirEndpoints) {
  http_.Answer("POST", "/api/v1/jobs/7/generate-email", 200,
               {{"success", true}, {"email", {{"subject", "Interview"}}}});
  http_.Answer("POST", "/api/v1/jobs/7/outcome", 200,
               {{"success", true}, {"message", "Outcome recorded successfully."}});
  http_.Answer("GET", "/api/v1/jobs/7/compare", 200, {{"success", true}, {"compared_count", 2}});
  auto [e1, email] = CallTool("generate_email", {{"job_id", 7},
                                                 {"candidate_id", 2},
                                                 {"type", "invite"},
                                                 {"tone", "friendly"},
                                                 {"custom_notes", "Loved it"}});
  ASSERT_FALSE(e1) << email;
  EXPECT_EQ(json::parse(email)["email"]["subject"], "Interview");
  EXPECT_EQ(json::parse(Sent("POST", "/api/v1/jobs/7/generate-email")[0].body),
            json({{"candidate_id", 2},
                  {"type", "invite"},
                  {"tone", "friendly"},
                  {"custom_notes", "Loved it"}}));
  auto [e2, outcome] =
      CallTool("report_outcome", {{"job_id", 7}, {"candidate_id", 2}, {"outcome", "hired"}});
  ASSERT_FALSE(e2);
  EXPECT_EQ(json::parse(Sent("POST", "/api/v1/jobs/7/outcome")[0].body),
            json({{"candidate_id", 2}, {"outcome", "hired"}}));
  auto [e3, compared] = CallTool("compare_candidates", {{"job_id", 7}, {"candidate_ids", {2, 1}}});
  ASSERT_FALSE(e3);
  EXPECT_EQ(FakeHttpClient::PathOf(Sent("GET", "/api/v1/jobs/7/compare")[0].url),
            "/api/v1/jobs/7/compare?ids=2%2C1");
  auto [e4, bad] =
      CallTool("report_outcome", {{"job_id", 7}, {"candidate_id", 2}, {"outcome", "promoted"}});
  EXPECT_NE(bad.find("-32602"), std::string::npos) << bad;
}

TEST_F(ShortlistToolsTest, CheckCreditsExplainsAServerWithoutCredits) {
  auto [is_error, text] = CallTool("check_credits", json::object());  // no route: 404
  EXPECT_TRUE(is_error);
  EXPECT_NE(text.find("does not offer credits"), std::string::npos) << text;
  http_.Answer("GET", "/api/v1/credits/balance", 200, {{"success", true}, {"balance", 12.5}});
  auto [ok_error, balance] = CallTool("check_credits", json::object());
  EXPECT_FALSE(ok_error);
  EXPECT_EQ(json::parse(balance)["balance"], 12.5);
}

TEST_F(ShortlistToolsTest, ValidateTokenFallsBackAndReportsInvalidTokens) {
  http_.Answer("GET", "/api/v1/rate-limit", 200, {{"success", true}, {"limit", 60}});
  auto [fallback_error, fallback] = CallTool("validate_token", json::object());
  ASSERT_FALSE(fallback_error) << fallback;
  EXPECT_EQ(json::parse(fallback)["valid"], true);
  EXPECT_EQ(json::parse(fallback)["rate_limit"]["limit"], 60);

  FakeHttpClient refusing;
  refusing.Answer("GET", "/api/v1/schema/validate", 401,
                  {{"success", false}, {"error", "Invalid API token."}});
  client::ApiClient api(Config(), refusing);
  McpServer server(ServerInfo{}, ShortlistTools(api));
  const json r = json::parse(*server.HandleLine(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"validate_token"}})"));
  EXPECT_EQ(r["result"]["isError"], false);
  const json out = json::parse(r["result"]["content"][0]["text"].get<std::string>());
  EXPECT_EQ(out["valid"], false);
  EXPECT_EQ(out["error"], "Invalid API token.");
}

TEST_F(ShortlistToolsTest, AnUnreachableServerSaysSo) {
  http_.FailTransport(Error::Make("fetch_failed", "Couldn't connect to server"));
  auto [is_error, text] = CallTool("get_job_status", {{"job_id", 1}});
  EXPECT_TRUE(is_error);
  EXPECT_NE(text.find("is the Shortlist server running"), std::string::npos) << text;
}

}  // namespace
}  // namespace shortlist::mcp
