// Opening the store by location: a SQLite file path (the default, embedded) or a PostgreSQL URL
// ("postgresql://user@host:5432/db", for several server processes on one database).
//
// Each table group has its own interface (jobs and accounts, webhook outbox, billing,
// idempotency keys); each opener keeps its own pool of connections to the database and creates
// any missing table of every group (store/schema.h).
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "store/billing_store.h"
#include "store/idempotency_store.h"
#include "store/store.h"
#include "store/webhook_store.h"

namespace shortlist::store {

// True when `location` names PostgreSQL ("postgresql://...", "postgres://...") rather than a
// SQLite file.
bool IsPostgresLocation(const std::string& location);

// The location of the data: `database` (a postgresql:// URL) when given, else the SQLite file
// data_dir/shortlist.db, creating the directory. Error "storage" naming the directory.
Result<std::string> ResolveLocation(const std::string& data_dir, const std::string& database);

// Whether the process opening a Store is the only server running workers on its database; it
// decides what Store::RequeueOrphanedJobs takes back. kByLocation: a SQLite file is served by
// one server process (the CLI runs no workers); a PostgreSQL database by any number.
enum class Sharing { kByLocation, kSoleServer, kShared };

Result<std::unique_ptr<Store>> OpenStore(const std::string& location,
                                         Sharing sharing = Sharing::kByLocation);
Result<std::unique_ptr<WebhookStore>> OpenWebhookStore(const std::string& location);
Result<std::unique_ptr<BillingStore>> OpenBillingStore(const std::string& location);
Result<std::unique_ptr<IdempotencyStore>> OpenIdempotencyStore(const std::string& location);

}  // namespace shortlist::store
