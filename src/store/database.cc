#include "store/database.h"

#include "store/pg_pool.h"

namespace shortlist::store {

bool IsPostgresLocation(const std::string& location) { return IsPostgresUrl(location); }

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  return IsPostgresLocation(location) ? OpenPostgresStore(location) : OpenSqliteStore(location);
}

Result<std::unique_ptr<WebhookStore>> OpenWebhookStore(const std::string& location) {
  return IsPostgresLocation(location) ? OpenPostgresWebhookStore(location)
                                      : OpenSqliteWebhookStore(location);
}

Result<std::unique_ptr<BillingStore>> OpenBillingStore(const std::string& location) {
  return IsPostgresLocation(location) ? OpenPostgresBillingStore(location)
                                      : OpenSqliteBillingStore(location);
}

Result<std::unique_ptr<IdempotencyStore>> OpenIdempotencyStore(const std::string& location) {
  return IsPostgresLocation(location) ? OpenPostgresIdempotencyStore(location)
                                      : OpenSqliteIdempotencyStore(location);
}

}  // namespace shortlist::store
