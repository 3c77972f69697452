// `shortlist serve`: the HTTP server, the job workers and the store (app::Server), run until
// SIGINT or SIGTERM, then stopped gracefully. Its flags and their SHORTLIST_* variables are
// defined here; `serve --print-routes` prints the route table and exits without listening.
#pragma once

#include <functional>
#include <optional>

#include "cli/options.h"

namespace CLI {
class App;
}

namespace shortlist::cli {

// Registers `serve`. The returned function runs it when it was parsed (its exit code: 0, 1 on a
// runtime failure, 2 on a bad setting), or returns nullopt. `data_dir` must outlive it.
std::function<std::optional<int>()> AddServeCommand(CLI::App& app, DataLocation* data_dir,
                                                    const LocationFlags& add_location);

}  // namespace shortlist::cli
