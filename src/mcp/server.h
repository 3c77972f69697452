// McpServer: the Model Context Protocol over one input and one output stream (the stdio
// transport: each JSON-RPC 2.0 message is one line of UTF-8 JSON, no embedded newlines).
//
// Methods: initialize, ping, tools/list, tools/call; notifications (notifications/initialized,
// notifications/cancelled, ...) are accepted and answered with nothing. Errors follow JSON-RPC
// 2.0: -32700 a line that is not JSON, -32600 a message that is not a request, -32601 an
// unknown method, -32602 bad params (an unknown tool, arguments that break the tool's schema),
// -32603 a handler that threw. A failure inside a tool (the HTTP server said no) is not a
// protocol error: it is a tools/call result with isError true, for the model to read.
// Batches (a JSON array of messages) are answered with an array of the responses.
//
// Design note (concurrency): one thread. Serve reads a line, handles it to the end (a tool may
// block, e.g. waiting for a screening job) and writes the answer before reading the next, so
// answers come in request order and nothing needs a lock. An McpServer is not thread-safe.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mcp/tool.h"

namespace shortlist::mcp {

// Protocol revisions this server speaks; initialize echoes the client's when it is one of these
// and answers the first (the one the stdio transport and tool results here were written
// against) otherwise.
inline constexpr const char* kProtocolVersions[] = {"2024-11-05", "2025-03-26", "2025-06-18"};

struct ServerInfo {
  std::string name = "shortlist";
  std::string version = "0.1.0";
  std::string instructions;  // optional hint for the model, sent in the initialize answer
};

// JSON-RPC 2.0 error codes.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;

class McpServer {
 public:
  // Tool names must be unique.
  McpServer(ServerInfo info, std::vector<Tool> tools);

  // One parsed message (or batch); the response to write, or nullopt for a notification, a
  // batch of notifications, or a response sent to us.
  std::optional<nlohmann::json> Handle(const nlohmann::json& message);

  // One line of the transport; the line to write back (no trailing newline), or nullopt.
  // Blank lines are ignored.
  std::optional<std::string> HandleLine(std::string_view line);

  // Reads lines from `in` until end of file, writing each response line (flushed) to `out`.
  void Serve(std::istream& in, std::ostream& out);

  // The protocol version agreed by the last initialize, "" before.
  const std::string& protocol_version() const { return protocol_version_; }

 private:
  std::optional<nlohmann::json> HandleOne(const nlohmann::json& message);
  nlohmann::json Dispatch(const std::string& method, const nlohmann::json& params,
                          const nlohmann::json& id);
  nlohmann::json Initialize(const nlohmann::json& params, const nlohmann::json& id);
  nlohmann::json ListTools(const nlohmann::json& id) const;
  nlohmann::json CallTool(const nlohmann::json& params, const nlohmann::json& id);

  ServerInfo info_;
  std::vector<Tool> tools_;
  std::string protocol_version_;
};

// {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message[,"data":data]}}
nlohmann::json JsonRpcError(const nlohmann::json& id, int code, const std::string& message,
                            const nlohmann::json& data = nullptr);

}  // namespace shortlist::mcp
