// Tool: one capability an MCP server offers an AI agent (`tools/list`, `tools/call`).
//
// A tool has a name, a description the model reads, a JSON Schema for its arguments and a
// handler. The server checks the arguments against the schema before calling the handler
// (schema_check.h), so a handler may rely on required fields being present with the declared
// types and ranges. A handler reports failures the model should see and act on (the job does not
// exist, the server said no) as a ToolResult with is_error set, never by throwing.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace shortlist::mcp {

struct ToolResult {
  std::string text;       // returned as one {"type": "text"} content item
  bool is_error = false;  // the call failed; `text` says why and what to do instead

  static ToolResult Ok(std::string text) { return ToolResult{std::move(text), false}; }
  static ToolResult Fail(std::string text) { return ToolResult{std::move(text), true}; }
};

struct Tool {
  std::string name;             // unique within a server, [a-z_]+
  std::string description;      // what it does, for the model
  nlohmann::json input_schema;  // JSON Schema of the `arguments` object ("type": "object")
  std::function<ToolResult(const nlohmann::json& arguments)> handler;
};

}  // namespace shortlist::mcp
