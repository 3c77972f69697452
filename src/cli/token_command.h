// `shortlist token create|revoke|list`: an operator's tokens, straight on the database (no
// server needed). A token is shown once; only its hash is kept (accounts/token_service.h).
#pragma once

#include <functional>
#include <optional>

#include "cli/options.h"

namespace CLI {
class App;
}

namespace shortlist::cli {

// Registers the commands. The returned function runs the one parsed (its exit code), or returns
// nullopt when none was. `data_dir` is filled by the parser and must outlive the function.
std::function<std::optional<int>()> AddTokenCommand(CLI::App& app, DataLocation* data_dir,
                                                    const LocationFlags& add_location);

}  // namespace shortlist::cli
