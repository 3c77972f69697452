#include "cli/mcp_command.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <memory>

#include "cli/client_commands.h"
#include "client/api_client.h"
#include "mcp/server.h"
#include "mcp/shortlist_tools.h"

namespace shortlist::cli {
namespace {

struct McpArgs {
  ServerFlags server;
  int wait_seconds = 120;
};

int RunMcp(const McpArgs& args) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that goes away ends the loop at EOF, not by signal
  auto http = client::NewServerHttpClient(args.server.url);
  if (!http.ok()) {
    std::cerr << "shortlist mcp: --url: " << http.error().message << "\n";
    return 2;
  }
  if (args.server.token.empty()) {
    // Still serve: tools answer with the same hint, which an agent can relay to its user.
    std::cerr << "shortlist mcp: warning: no API token (--token or SHORTLIST_TOKEN); every tool "
                 "will report it\n";
  }
  client::ClientConfig config;
  config.base_url = args.server.url;
  config.token = args.server.token;
  client::ApiClient api(config, **http);
  mcp::ShortlistToolsOptions options;
  options.default_wait = std::chrono::seconds(args.wait_seconds);
  mcp::ServerInfo info;
  info.instructions = mcp::kShortlistInstructions;
  mcp::McpServer server(info, mcp::ShortlistTools(api, options));
  std::ios::sync_with_stdio(false);
  server.Serve(std::cin, std::cout);
  return 0;
}

}  // namespace

std::function<std::optional<int>()> AddMcpCommand(CLI::App& app) {
  auto args = std::make_shared<McpArgs>();
  CLI::App* cmd = app.add_subcommand(
      "mcp",
      "serve the Model Context Protocol on stdin/stdout; tools call a running server (see "
      "docs/mcp.md)");
  AddServerFlags(cmd, &args->server);
  cmd->add_option("--wait-seconds", args->wait_seconds,
                  "how long screen_resumes waits for a job by default (default 120)")
      ->check(CLI::Range(1, 3600));
  return [cmd, args]() -> std::optional<int> {
    if (!cmd->parsed()) return std::nullopt;
    return RunMcp(*args);
  };
}

}  // namespace shortlist::cli
