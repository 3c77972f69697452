// Settings shared by the commands, each from a flag or its environment variable.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace shortlist::cli {

// SHORTLIST_<NAME> from the environment, or `fallback`.
std::string EnvOr(const char* name, const std::string& fallback);

// Where the data lives: the SQLite file data_dir/shortlist.db, unless --database names another
// location (a postgresql:// URL: any number of server processes may share it).
struct DataLocation {
  std::string data_dir;
  std::string database;  // "" = data_dir/shortlist.db
};

// Adds --data-dir and --database to a command (every command that opens the database has both).
using LocationFlags = std::function<void(CLI::App* command)>;

// The database location (a SQLite file path or a PostgreSQL URL), creating the data directory
// when it is SQLite's. Each store (jobs, webhooks, billing, idempotency) opens it on its own.
Result<std::string> DatabaseLocation(const DataLocation& where);
// Opens the main store at that location.
Result<std::unique_ptr<store::Store>> OpenDataDir(const DataLocation& where);

}  // namespace shortlist::cli
