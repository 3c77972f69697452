// Issue #24: POST /api/v1/mcp, the MCP endpoint HireSquire's CLI proxies its `mcp` command to
// (one JSON-RPC message per POST, the answer printed as JSON). Streamable HTTP: a JSON answer,
// or SSE when the client asks for the stream; notifications 202; the tools act as the bearer
// token's principal.
#include <gtest/gtest.h>

#include "official_clients.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

json Rpc(int id, const std::string& method, const json& params = json::object()) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
}

class OfficialMcpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path(),
                                              std::vector<std::string>{"--log-level", "warn"});
    ASSERT_FALSE(server_->url().empty());
    client_ = std::make_unique<HttpClient>(server_->url(), server_->first_token());
  }
  // What the CLI's proxy does with one line of stdin: POST it, print the JSON answer.
  HttpResult Post(const HttpClient& client, const json& message) const {
    return client.Send("POST", "/api/v1/mcp", message.dump(), {{"Accept", "application/json"}});
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(OfficialMcpTest, InitializeListToolsAndScreenResumesOverHttp) {
  HttpResult init =
      Post(*client_, Rpc(1, "initialize",
                         {{"protocolVersion", "2025-03-26"},
                          {"capabilities", json::object()},
                          {"clientInfo", {{"name", "hiresquire-cli"}, {"version", "1.2.4"}}}}));
  ASSERT_EQ(init.status, 200) << init.body;
  EXPECT_EQ(init.headers["content-type"].rfind("application/json", 0), 0u);
  json i = init.json();
  EXPECT_EQ(i["jsonrpc"], "2.0");
  EXPECT_EQ(i["id"], 1);
  EXPECT_EQ(i["result"]["protocolVersion"], "2025-03-26");
  EXPECT_TRUE(i["result"]["capabilities"].contains("tools"));
  EXPECT_EQ(i["result"]["serverInfo"]["name"], "shortlist");

  HttpResult note = Post(*client_, {{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
  EXPECT_EQ(note.status, 202);
  EXPECT_TRUE(note.body.empty());

  HttpResult listed = Post(*client_, Rpc(2, "tools/list"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::map<std::string, json> tools;
  const json list = listed.json();  // kept: a range-for over a temporary's member dangles
  for (const auto& t : list["result"]["tools"]) tools[t["name"]] = t;
  for (const char* name :
       {"screen_resumes", "get_job_status", "list_jobs", "get_results", "compare_candidates",
        "generate_email", "report_outcome", "cancel_job", "check_credits", "validate_token"}) {
    EXPECT_TRUE(tools.count(name)) << name;
  }
  // Over HTTP the server reads no file of its own: resumes are text.
  const json& screen_schema = tools["screen_resumes"]["inputSchema"];
  EXPECT_FALSE(screen_schema["properties"].contains("resume_paths"));
  EXPECT_FALSE(screen_schema["properties"]["resumes"]["items"]["properties"].contains("path"));

  HttpResult called =
      Post(*client_, Rpc(3, "tools/call",
                         {{"name", "screen_resumes"},
                          {"arguments",
                           {{"job_description", kPythonJob},
                            {"title", kPythonJobTitle},
                            {"resumes",
                             {{{"filename", "alice.txt"}, {"content", kStrongResume}},
                              {{"filename", "carol.txt"}, {"content", kWeakResume}}}}}}}));
  ASSERT_EQ(called.status, 200) << called.body;
  json result = called.json()["result"];
  ASSERT_EQ(result["isError"], false) << called.body;
  json ranking = json::parse(result["content"][0]["text"].get<std::string>());
  EXPECT_EQ(ranking["status"], "completed");
  ASSERT_EQ(ranking["candidates"].size(), 2u);
  EXPECT_EQ(ranking["candidates"][0]["name"], "Alice Example");
  EXPECT_EQ(ranking["candidates"][0]["rank"], 1);

  // The job is the token's account's, like any other.
  const std::int64_t job_id = ranking["job_id"];
  EXPECT_EQ(client_->Get("/api/v1/jobs/" + std::to_string(job_id)).status, 200);
  HttpClient other(server_->url(), CreateToken(dir_.path(), "other", "standard"));
  EXPECT_EQ(other.Get("/api/v1/jobs/" + std::to_string(job_id)).status, 404);
  HttpResult foreign =
      Post(other,
           Rpc(4, "tools/call", {{"name", "get_job_status"}, {"arguments", {{"job_id", job_id}}}}));
  ASSERT_EQ(foreign.status, 200) << foreign.body;
  EXPECT_EQ(foreign.json()["result"]["isError"], true);
}

TEST_F(OfficialMcpTest, TheStreamIsServedWhenAskedAndErrorsFollowJsonRpc) {
  HttpResult sse = client_->Send("POST", "/api/v1/mcp", Rpc(7, "ping").dump(),
                                 {{"Accept", "text/event-stream"}});
  ASSERT_EQ(sse.status, 200) << sse.body;
  EXPECT_EQ(sse.headers["content-type"].rfind("text/event-stream", 0), 0u);
  const std::string prefix = "event: message\ndata: ";
  ASSERT_EQ(sse.body.rfind(prefix, 0), 0u) << sse.body;
  json ping = json::parse(sse.body.substr(prefix.size()));
  EXPECT_EQ(ping["id"], 7);
  EXPECT_EQ(ping["result"], json::object());

  HttpResult unknown = Post(*client_, Rpc(8, "resources/list"));
  EXPECT_EQ(unknown.json()["error"]["code"], -32601);
  HttpResult garbage =
      client_->Send("POST", "/api/v1/mcp", "{not json", {{"Accept", "application/json"}});
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(garbage.json()["error"]["code"], -32700);
  HttpResult path = Post(
      *client_,
      Rpc(9, "tools/call",
          {{"name", "screen_resumes"},
           {"arguments", {{"job_description", kPythonJob}, {"resume_paths", {"/etc/passwd"}}}}}));
  EXPECT_EQ(path.json()["error"]["code"], -32602) << path.body;  // not in the schema here
  EXPECT_EQ(client_->Get("/api/v1/mcp").status, 405);
  EXPECT_EQ(
      HttpClient(server_->url(), "").Send("POST", "/api/v1/mcp", Rpc(1, "ping").dump()).status,
      401);
  HttpResult origin = client_->Send("POST", "/api/v1/mcp", Rpc(1, "ping").dump(),
                                    {{"Origin", "https://evil.example"}});
  EXPECT_EQ(origin.status, 403);
}

TEST_F(OfficialMcpTest, ToolsKeepTheAgentKeysPermissions) {
  HttpResult key =
      client_->Post("/api/v1/agent-keys", {{"name", "reader"}, {"permissions", {"read"}}});
  ASSERT_EQ(key.status, 201) << key.body;
  HttpClient reader(server_->url(), key.json()["key"]["key"].get<std::string>());
  HttpResult screened =
      Post(reader,
           Rpc(1, "tools/call",
               {{"name", "screen_resumes"},
                {"arguments",
                 {{"job_description", kPythonJob}, {"resumes", {{{"content", kStrongResume}}}}}}}));
  ASSERT_EQ(screened.status, 200) << screened.body;
  EXPECT_EQ(screened.json()["result"]["isError"], true);
  EXPECT_NE(screened.json()["result"]["content"][0]["text"].get<std::string>().find("screen"),
            std::string::npos);
  HttpResult listed = Post(reader, Rpc(2, "tools/call", {{"name", "list_jobs"}}));
  EXPECT_EQ(listed.json()["result"]["isError"], false) << listed.body;
}

}  // namespace
}  // namespace shortlist::testing
