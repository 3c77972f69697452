#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/client_commands.h"
#include "cli/credits_command.h"
#include "cli/mcp_command.h"
#include "cli/options.h"
#include "cli/screen_command.h"
#include "cli/serve.h"
#include "cli/token_command.h"

namespace shortlist::cli {

int Main(int argc, char** argv) {
  CLI::App app{"Shortlist: self-hosted candidate screening"};
  app.require_subcommand(1);
  DataLocation data_dir{EnvOr("SHORTLIST_DATA_DIR", "./shortlist-data"),
                        EnvOr("SHORTLIST_DATABASE", "")};
  // Every command that opens the database takes both: --data-dir for SQLite (the default),
  // --database for PostgreSQL.
  auto add_location = [&data_dir](CLI::App* cmd) {
    cmd->add_option("--data-dir", data_dir.data_dir, "data directory (env SHORTLIST_DATA_DIR)");
    cmd->add_option("--database", data_dir.database,
                    "postgresql://user@host:port/db instead of the data directory's SQLite file "
                    "(env SHORTLIST_DATABASE)");
  };
  add_location(&app);

  auto run_serve = AddServeCommand(app, &data_dir, add_location);
  auto run_token = AddTokenCommand(app, &data_dir, add_location);
  app.add_subcommand("version", "print the version");
  auto run_screen = AddScreenCommand(app);
  auto run_client_command = AddClientCommands(app);
  auto run_mcp = AddMcpCommand(app);
  auto run_credits = AddCreditsCommand(app, &data_dir);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (auto* run :
       {&run_serve, &run_token, &run_screen, &run_client_command, &run_mcp, &run_credits}) {
    if (std::optional<int> code = (*run)()) return *code;
  }
  std::cout << "shortlist 0.1.0\n";
  return 0;
}

}  // namespace shortlist::cli
