// Settings shared by the commands, each from a flag or its environment variable.
#pragma once

#include <string>

#include "common/result.h"
#include "store/store.h"

namespace shortlist::cli {

// SHORTLIST_<NAME> from the environment, or `fallback`.
std::string EnvOr(const char* name, const std::string& fallback);

// Creates the data directory if needed and opens its database (data_dir/shortlist.db).
Result<std::unique_ptr<store::Store>> OpenDataDir(const std::string& data_dir);
// The database file inside a data directory; other stores (webhooks, billing, idempotency)
// open their own connections to it.
std::string DatabasePath(const std::string& data_dir);

// Creates a token for an account: returns the token itself (shown once; only its hash is kept).
Result<std::string> IssueToken(store::Store& store, std::int64_t account_id,
                               const std::string& name);

}  // namespace shortlist::cli
