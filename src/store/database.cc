#include "store/database.h"

#include <filesystem>
#include <system_error>

#include "store/pg_pool.h"

namespace shortlist::store {

bool IsPostgresLocation(const std::string& location) { return IsPostgresUrl(location); }

Result<std::string> ResolveLocation(const std::string& data_dir, const std::string& database) {
  if (!database.empty()) return database;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Error::Make("storage", "cannot create data directory " + data_dir + ": " + ec.message(),
                       "data-dir");
  }
  return (std::filesystem::path(data_dir) / "shortlist.db").string();
}

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
