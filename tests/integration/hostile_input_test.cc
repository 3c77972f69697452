// Hostile requests over real HTTP: whatever a client sends, the server answers with a clear
// error and keeps serving.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

// An array nested `depth` levels: 2 bytes a level, so 100,000 levels is ~200 KB, under the
// server's body cap and far past the depth where a recursive walk overflows the stack.
std::string DeepArray(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A Jobs API body that is valid but for its webhook_conditions, nested `depth` levels.
std::string JobWithDeepConditions(int depth) {
  json job = {{"title", "Backend"},
              {"description", kPythonJob},
              {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}}})}};
  std::string text = job.dump();
  text.pop_back();  // the closing '}'
  return text + ",\"webhook_conditions\":{\"x\":" + DeepArray(depth) + "}}";
}

struct Route {
  std::string method;
  std::string pattern;
};

std::vector<Route> RoutesWithBodies() {
  std::string raw;
  EXPECT_EQ(RunCli({"serve", "--print-routes"}, &raw), 0) << raw;
  std::vector<Route> routes;
  std::istringstream lines(raw);
  Route r;
  while (lines >> r.method >> r.pattern) {
    if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") routes.push_back(r);
  }
  return routes;
}

// "/api/v1/jobs/{job_id}/outcome" -> "/api/v1/jobs/1/outcome"
std::string Concrete(std::string pattern) {
  for (std::size_t open; (open = pattern.find('{')) != std::string::npos;) {
    pattern.replace(open, pattern.find('}', open) - open + 1, "1");
  }
  return pattern;
}

class HostileInputTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(HostileInputTest, DeeplyNestedConditionsAreRefusedNamingTheBody) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};

  HttpResult jobs = client.Send("POST", "/api/v1/jobs", JobWithDeepConditions(100000), json_type);
  EXPECT_EQ(jobs.status, 422) << jobs.body;
  EXPECT_EQ(jobs.json()["success"], false);
  EXPECT_TRUE(jobs.json()["errors"].contains("body")) << jobs.body;
  EXPECT_NE(jobs.json()["error"].get<std::string>().find("64"), std::string::npos) << jobs.body;

  HttpResult bulk_answer = client.Send(
      "POST", "/api/v1/jobs/bulk", "{\"jobs\":[" + JobWithDeepConditions(100000) + "]}", json_type);
  EXPECT_EQ(bulk_answer.status, 422) << bulk_answer.body;

  HttpResult evaluate = client.Send("POST", "/v1/evaluate",
                                    "{\"job_description\":" + DeepArray(100000) + "}", json_type);
  EXPECT_EQ(evaluate.status, 400) << evaluate.body;

  // Nesting within the limit is JSON the server reads and answers on its merits.
  HttpResult shallow = client.Send("POST", "/api/v1/jobs", JobWithDeepConditions(60), json_type);
  EXPECT_EQ(shallow.body.find("deeper than"), std::string::npos) << shallow.body;

  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_F(HostileInputTest, EveryRouteWithABodySurvivesDeepNesting) {
  ServerProcess server(dir_.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient client(server.url(), server.first_token());
  const std::string deep = "{\"a\":" + DeepArray(100000) + "}";
  std::vector<Route> routes = RoutesWithBodies();
  ASSERT_GE(routes.size(), 10u);  // the route table was read
  for (const Route& route : routes) {
    HttpResult r = client.Send(route.method, Concrete(route.pattern), deep,
                               {{"Content-Type", "application/json"}});
    // A refusal, or the answer of a route that reads no body; never a 500 or a dropped
    // connection (status 0).
    EXPECT_NE(r.status, 0) << route.method << " " << route.pattern;
    EXPECT_NE(r.status, 500) << route.method << " " << route.pattern << ": " << r.body;
    ASSERT_EQ(client.Get("/healthz").status, 200)
        << "the server stopped answering after " << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace shortlist::testing
