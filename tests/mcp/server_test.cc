// The MCP protocol as a client sees it: lines in, lines out, over real streams.
#include "mcp/server.h"

#include <gtest/gtest.h>

#include <sstream>

namespace shortlist::mcp {
namespace {

using nlohmann::json;

// A small real tool set: "add" sums two integers, "shout" fails on request.
std::vector<Tool> TestTools() {
  std::vector<Tool> tools;
  tools.push_back(
      {"add",
       "Adds a and b.",
       {{"type", "object"},
        {"properties",
         {{"a", {{"type", "integer"}}}, {"b", {{"type", "integer"}, {"maximum", 100}}}}},
        {"required", {"a", "b"}},
        {"additionalProperties", false}},
       [](const json& args) {
         return ToolResult::Ok(std::to_string(args["a"].get<int>() + args["b"].get<int>()));
       }});
  tools.push_back({"shout",
                   "Fails when told to.",
                   {{"type", "object"}, {"properties", {{"fail", {{"type", "boolean"}}}}}},
                   [](const json& args) {
                     if (args.value("fail", false)) return ToolResult::Fail("told to fail");
                     return ToolResult::Ok("HELLO");
                   }});
  tools.push_back({"explode", "Throws.", {{"type", "object"}}, [](const json&) -> ToolResult {
                     throw std::runtime_error("kaboom");
                   }});
  return tools;
}

class McpServerTest : public ::testing::Test {
 protected:
  McpServer server_{ServerInfo{"shortlist", "9.9.9", "Use add."}, TestTools()};

  json Call(const json& request) {
    auto line = server_.HandleLine(request.dump());
    EXPECT_TRUE(line.has_value()) << request.dump();
    return line ? json::parse(*line) : json();
  }
  json Request(int id, const std::string& method, const json& params = json::object()) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
  }
};

TEST_F(McpServerTest, InitializeAnswersVersionCapabilitiesAndServerInfo) {
  const json r = Call(Request(1, "initialize",
                              {{"protocolVersion", "2024-11-05"},
                               {"capabilities", json::object()},
                               {"clientInfo", {{"name", "test"}, {"version", "1"}}}}));
  EXPECT_EQ(r["jsonrpc"], "2.0");
  EXPECT_EQ(r["id"], 1);
  EXPECT_EQ(r["result"]["protocolVersion"], "2024-11-05");
  EXPECT_TRUE(r["result"]["capabilities"].contains("tools"));
  EXPECT_EQ(r["result"]["serverInfo"]["name"], "shortlist");
  EXPECT_EQ(r["result"]["serverInfo"]["version"], "9.9.9");
  EXPECT_EQ(r["result"]["instructions"], "Use add.");
  EXPECT_EQ(server_.protocol_version(), "2024-11-05");
}

TEST_F(McpServerTest, InitializeEchoesASupportedVersionAndOffersOursOtherwise) {
  EXPECT_EQ(Call(Request(1, "initialize",
                         {{"protocolVersion", "2025-06-18"}}))["result"]["protocolVersion"],
            "2025-06-18");
  EXPECT_EQ(Call(Request(2, "initialize",
                         {{"protocolVersion", "1999-01-01"}}))["result"]["protocolVersion"],
            "2024-11-05");
}

TEST_F(McpServerTest, NotificationsAreNeverAnswered) {
  EXPECT_FALSE(server_.HandleLine(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
  EXPECT_FALSE(server_.HandleLine(R"({"jsonrpc":"2.0","method":"no/such/method"})"));
  EXPECT_FALSE(server_.HandleLine("   "));
  // A response from the client to a request we never sent: ignored.
  EXPECT_FALSE(server_.HandleLine(R"({"jsonrpc":"2.0","id":5,"result":{}})"));
}

TEST_F(McpServerTest, PingAnswersAnEmptyResult) {
  const json r = Call({{"jsonrpc", "2.0"}, {"id", "p-1"}, {"method", "ping"}});
  EXPECT_EQ(r["id"], "p-1");
  EXPECT_EQ(r["result"], json::object());
}

TEST_F(McpServerTest, ToolsListGivesNamesDescriptionsAndSchemas) {
  const json r = Call(Request(2, "tools/list"));
  ASSERT_EQ(r["result"]["tools"].size(), 3u);
  const json add = r["result"]["tools"][0];
  EXPECT_EQ(add["name"], "add");
  EXPECT_EQ(add["description"], "Adds a and b.");
  EXPECT_EQ(add["inputSchema"]["type"], "object");
  EXPECT_EQ(add["inputSchema"]["required"], json::array({"a", "b"}));
}

TEST_F(McpServerTest, ToolsCallReturnsTextContent) {
  const json r =
      Call(Request(3, "tools/call", {{"name", "add"}, {"arguments", {{"a", 2}, {"b", 40}}}}));
  EXPECT_EQ(r["result"]["isError"], false);
  ASSERT_EQ(r["result"]["content"].size(), 1u);
  EXPECT_EQ(r["result"]["content"][0]["type"], "text");
  EXPECT_EQ(r["result"]["content"][0]["text"], "42");
}

TEST_F(McpServerTest, AToolFailureIsAResultWithIsError) {
  const json r =
      Call(Request(4, "tools/call", {{"name", "shout"}, {"arguments", {{"fail", true}}}}));
  EXPECT_FALSE(r.contains("error"));
  EXPECT_EQ(r["result"]["isError"], true);
  EXPECT_EQ(r["result"]["content"][0]["text"], "told to fail");
}

TEST_F(McpServerTest, MissingArgumentsDefaultToAnEmptyObject) {
  const json r = Call(Request(4, "tools/call", {{"name", "shout"}}));
  EXPECT_EQ(r["result"]["content"][0]["text"], "HELLO");
}

TEST_F(McpServerTest, UnknownToolAndBadArgumentsAreInvalidParams) {
  const json unknown = Call(Request(5, "tools/call", {{"name", "nope"}}));
  EXPECT_EQ(unknown["error"]["code"], kInvalidParams);
  EXPECT_EQ(unknown["error"]["message"], "Unknown tool: nope");
  EXPECT_EQ(unknown["id"], 5);

  const json bad = Call(Request(
      6, "tools/call", {{"name", "add"}, {"arguments", {{"a", "two"}, {"b", 500}, {"c", 1}}}}));
  EXPECT_EQ(bad["error"]["code"], kInvalidParams);
  const std::string message = bad["error"]["message"];
  EXPECT_NE(message.find("arguments.a must be an integer"), std::string::npos) << message;
  EXPECT_NE(message.find("arguments.b must be at most 100"), std::string::npos) << message;
  EXPECT_NE(message.find("arguments.c is not a known argument"), std::string::npos) << message;
  EXPECT_EQ(bad["error"]["data"]["errors"].size(), 3u);

  const json no_name = Call(Request(7, "tools/call", {{"arguments", json::object()}}));
  EXPECT_EQ(no_name["error"]["code"], kInvalidParams);
  const json not_object = Call(Request(8, "tools/call", {{"name", "add"}, {"arguments", {1, 2}}}));
  EXPECT_EQ(not_object["error"]["code"], kInvalidParams);
}

TEST_F(McpServerTest, UnknownMethodIsMethodNotFound) {
  const json r = Call(Request(9, "resources/list"));
  EXPECT_EQ(r["error"]["code"], kMethodNotFound);
  EXPECT_EQ(r["id"], 9);
}

TEST_F(McpServerTest, NotJsonIsAParseErrorWithNullId) {
  const json r = json::parse(*server_.HandleLine("{\"jsonrpc\": \"2.0\", \"id\": 1, "));
  EXPECT_EQ(r["error"]["code"], kParseError);
  EXPECT_TRUE(r["id"].is_null());
}

TEST_F(McpServerTest, MalformedRequestsAreInvalidRequest) {
  EXPECT_EQ(Call(json(42))["error"]["code"], kInvalidRequest);
  const json no_version = Call({{"id", 1}, {"method", "ping"}});
  EXPECT_EQ(no_version["error"]["code"], kInvalidRequest);
  EXPECT_EQ(no_version["id"], 1);
  EXPECT_EQ(Call({{"jsonrpc", "2.0"}, {"id", 2}, {"method", 7}})["error"]["code"], kInvalidRequest);
  EXPECT_EQ(Call({{"jsonrpc", "2.0"}, {"id", {{"x", 1}}}, {"method", "ping"}})["error"]["code"],
            kInvalidRequest);
  EXPECT_EQ(
      Call({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "ping"}, {"params", "x"}})["error"]["code"],
      kInvalidRequest);
  EXPECT_EQ(Call({{"jsonrpc", "2.0"}, {"id", 4}})["error"]["code"], kInvalidRequest);
  EXPECT_EQ(Call(json::array())["error"]["code"], kInvalidRequest);
}

TEST_F(McpServerTest, AThrowingToolIsAnInternalError) {
  const json r = Call(Request(10, "tools/call", {{"name", "explode"}}));
  EXPECT_EQ(r["error"]["code"], kInternalError);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("kaboom"), std::string::npos);
}

TEST_F(McpServerTest, BatchesAnswerEveryRequestButNoNotification) {
  const json batch = json::array(
      {Request(1, "ping"),
       {{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}},
       Request(2, "tools/call", {{"name", "add"}, {"arguments", {{"a", 1}, {"b", 1}}}})});
  const json r = Call(batch);
  ASSERT_TRUE(r.is_array());
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0]["id"], 1);
  EXPECT_EQ(r[1]["result"]["content"][0]["text"], "2");
  EXPECT_FALSE(server_.HandleLine(R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])"));
}

TEST_F(McpServerTest, ServeReadsLinesAndWritesOneLinePerResponseInOrder) {
  std::istringstream in(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05"}})"
      "\n"
      R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
      "\r\n"
      "\n"
      R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"
      "\n"
      "garbage\n"
      R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}})");
  std::ostringstream out;
  server_.Serve(in, out);
  std::istringstream lines(out.str());
  std::vector<json> responses;
  for (std::string line; std::getline(lines, line);) responses.push_back(json::parse(line));
  ASSERT_EQ(responses.size(), 4u) << out.str();
  EXPECT_EQ(responses[0]["id"], 1);
  EXPECT_EQ(responses[1]["id"], 2);
  EXPECT_EQ(responses[2]["error"]["code"], kParseError);
  EXPECT_EQ(responses[3]["result"]["content"][0]["text"], "3");
  EXPECT_EQ(out.str().back(), '\n');
}

TEST_F(McpServerTest, InvalidUtf8InAnAnswerDoesNotBreakTheStream) {
  std::vector<Tool> tools;
  tools.push_back({"bytes", "Returns raw bytes.", {{"type", "object"}}, [](const json&) {
                     return ToolResult::Ok("caf\xe9");
                   }});
  McpServer server(ServerInfo{}, std::move(tools));
  auto line = server.HandleLine(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"bytes"}})");
  ASSERT_TRUE(line.has_value());
  const json r = json::parse(*line);
  EXPECT_EQ(r["result"]["content"][0]["text"], "caf\xef\xbf\xbd");
}

}  // namespace
}  // namespace shortlist::mcp
