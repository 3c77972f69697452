// `shortlist mcp`: a Model Context Protocol server on stdin/stdout for AI agents (Claude
// Desktop, IDEs, agent frameworks), whose tools call a running Shortlist server's HTTP API
// (--url / SHORTLIST_URL, --token / SHORTLIST_TOKEN). stdout carries only protocol messages;
// diagnostics go to stderr. Runs until stdin closes; exit 0, or 2 for bad usage. See docs/mcp.md.
#pragma once

#include <functional>
#include <optional>

namespace CLI {
class App;
}

namespace shortlist::cli {

// Registers `mcp` on `app`. The returned function runs it (returning its exit code) when it was
// the subcommand parsed, and returns nullopt otherwise.
std::function<std::optional<int>()> AddMcpCommand(CLI::App& app);

}  // namespace shortlist::cli
