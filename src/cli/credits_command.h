// `shortlist credits`: administrators' view of an account's prepaid credits.
//   shortlist credits grant --account NAME --credits N [--note TEXT]   adds N credits (a "grant"
//                                                                      ledger entry)
//   shortlist credits balance --account NAME                           prints the balance
// Both take --data-dir (env SHORTLIST_DATA_DIR) and work while the server runs (same database).
// Exit codes: 0 success, 1 runtime failure (unknown account, database), 2 bad usage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "cli/options.h"

namespace CLI {
class App;
}

namespace shortlist::cli {

// Registers `credits` on `app`. `data_dir` (the app-wide --data-dir/--database values) must outlive
// the returned function, which runs the command when it was parsed and returns nullopt otherwise.
std::function<std::optional<int>()> AddCreditsCommand(CLI::App& app, DataLocation* data_dir);

}  // namespace shortlist::cli
