#include "mcp/server.h"

#include <exception>
#include <utility>

#include "common/json_parse.h"
#include "mcp/schema_check.h"

namespace shortlist::mcp {
namespace {

using nlohmann::json;

json Success(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

bool ValidId(const json& id) { return id.is_string() || id.is_number() || id.is_null(); }

}  // namespace

json JsonRpcError(const json& id, int code, const std::string& message, const json& data) {
  json error = {{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = data;
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

McpServer::McpServer(ServerInfo info, std::vector<Tool> tools)
    : info_(std::move(info)), tools_(std::move(tools)) {}

std::optional<std::string> McpServer::HandleLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (line.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
  json message = ParseJsonOrDiscarded(line);
  std::optional<json> response =
      message.is_discarded()
          ? std::optional<json>(JsonRpcError(nullptr, kParseError, "Parse error: not valid JSON"))
          : Handle(message);
  if (!response) return std::nullopt;
  // Invalid UTF-8 that came in (a resume's bytes echoed in a message) must not abort the dump.
  return response->dump(-1, ' ', false, json::error_handler_t::replace);
}

void McpServer::Serve(std::istream& in, std::ostream& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (auto response = HandleLine(line)) {
      out << *response << '\n';
      out.flush();
    }
  }
}

std::optional<json> McpServer::Handle(const json& message) {
  if (!message.is_array()) return HandleOne(message);
  if (message.empty())
    return JsonRpcError(nullptr, kInvalidRequest, "Invalid Request: empty batch");
  json responses = json::array();
  for (const json& m : message) {
    if (auto r = HandleOne(m)) responses.push_back(std::move(*r));
  }
  if (responses.empty()) return std::nullopt;
  return responses;
}

std::optional<json> McpServer::HandleOne(const json& message) {
  if (!message.is_object()) {
    return JsonRpcError(nullptr, kInvalidRequest, "Invalid Request: a message must be an object");
  }
  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  const json id = has_id && ValidId(*id_it) ? *id_it : json(nullptr);
  if (has_id && !ValidId(*id_it)) {
    return JsonRpcError(nullptr, kInvalidRequest,
                        "Invalid Request: id must be a string, a number or null");
  }
  if (message.value("jsonrpc", json()) != "2.0") {
    return JsonRpcError(id, kInvalidRequest, "Invalid Request: jsonrpc must be \"2.0\"");
  }
  const auto method_it = message.find("method");
  if (method_it == message.end()) {
    // A response to a request of ours; we send none, so there is nothing to match it with.
    if (message.contains("result") || message.contains("error")) return std::nullopt;
    return JsonRpcError(id, kInvalidRequest, "Invalid Request: method is missing");
  }
  if (!method_it->is_string()) {
    return JsonRpcError(id, kInvalidRequest, "Invalid Request: method must be a string");
  }
  const json params = message.value("params", json::object());
  if (!params.is_object() && !params.is_array()) {
    return has_id ? std::optional<json>(JsonRpcError(id, kInvalidRequest,
                                                     "Invalid Request: params must be an object"))
                  : std::nullopt;
  }
  json response = Dispatch(method_it->get<std::string>(), params, id);
  if (!has_id) return std::nullopt;  // a notification is never answered, even with an error
  return response;
}

json McpServer::Dispatch(const std::string& method, const json& params, const json& id) {
  try {
    if (method == "initialize") return Initialize(params, id);
    if (method == "ping") return Success(id, json::object());
    if (method == "tools/list") return ListTools(id);
    if (method == "tools/call") return CallTool(params, id);
    if (method.rfind("notifications/", 0) == 0) return Success(id, json::object());
    return JsonRpcError(id, kMethodNotFound, "Method not found: " + method);
  } catch (const std::exception& e) {
    return JsonRpcError(id, kInternalError, std::string("Internal error: ") + e.what());
  }
}

json McpServer::Initialize(const json& params, const json& id) {
  if (!params.is_object()) {
    return JsonRpcError(id, kInvalidParams, "Invalid params: initialize takes an object");
  }
  std::string version = kProtocolVersions[0];
  if (auto asked = params.find("protocolVersion"); asked != params.end() && asked->is_string()) {
    for (const char* supported : kProtocolVersions) {
      if (*asked == supported) version = supported;
    }
  }
  protocol_version_ = version;
  json result = {{"protocolVersion", version},
                 {"capabilities", {{"tools", {{"listChanged", false}}}}},
                 {"serverInfo", {{"name", info_.name}, {"version", info_.version}}}};
  if (!info_.instructions.empty()) result["instructions"] = info_.instructions;
  return Success(id, std::move(result));
}

json McpServer::ListTools(const json& id) const {
  json tools = json::array();
  for (const Tool& tool : tools_) {
    tools.push_back({{"name", tool.name},
                     {"description", tool.description},
                     {"inputSchema", tool.input_schema}});
  }
  return Success(id, {{"tools", std::move(tools)}});
}

json McpServer::CallTool(const json& params, const json& id) {
  if (!params.is_object()) {
    return JsonRpcError(id, kInvalidParams, "Invalid params: tools/call takes an object");
  }
  const auto name = params.find("name");
  if (name == params.end() || !name->is_string()) {
    return JsonRpcError(id, kInvalidParams, "Invalid params: name must be a tool's name");
  }
  const Tool* tool = nullptr;
  for (const Tool& t : tools_) {
    if (t.name == *name) tool = &t;
  }
  if (tool == nullptr) {
    return JsonRpcError(id, kInvalidParams, "Unknown tool: " + name->get<std::string>());
  }
  json arguments = params.value("arguments", json::object());
  if (arguments.is_null()) arguments = json::object();
  std::vector<std::string> problems = CheckAgainstSchema(tool->input_schema, arguments);
  if (!problems.empty()) {
    std::string message = "Invalid arguments for " + tool->name + ": ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    return JsonRpcError(id, kInvalidParams, message, {{"errors", problems}});
  }
  ToolResult result = tool->handler(arguments);
  return Success(id, {{"content", json::array({{{"type", "text"}, {"text", result.text}}})},
                      {"isError", result.is_error}});
}

}  // namespace shortlist::mcp
