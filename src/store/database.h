// Opening the database by location: a SQLite file path (the default, embedded) or a PostgreSQL
// URL ("postgresql://user@host:5432/db", for several server processes on one database).
//
// Each table group has its own store interface (jobs and accounts, webhook outbox, billing,
// idempotency keys) and each opens its own connections to the same database.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "store/billing_store.h"
#include "store/idempotency_store.h"
#include "store/store.h"
#include "store/webhook_store.h"

namespace shortlist::store {

// True when `location` names PostgreSQL rather than a SQLite file.
bool IsPostgresLocation(const std::string& location);

// The location of the data: `database` (a postgresql:// URL) when given, else the SQLite file
// data_dir/shortlist.db, creating the directory. Error "storage" naming the directory.
Result<std::string> ResolveLocation(const std::string& data_dir, const std::string& database);

Result<std::unique_ptr<Store>> OpenStore(const std::string& location);
Result<std::unique_ptr<WebhookStore>> OpenWebhookStore(const std::string& location);
Result<std::unique_ptr<BillingStore>> OpenBillingStore(const std::string& location);
Result<std::unique_ptr<IdempotencyStore>> OpenIdempotencyStore(const std::string& location);

}  // namespace shortlist::store
