#include "store/database.h"

#include <filesystem>
#include <system_error>

#include "store/pg_db.h"
#include "store/sqlite_db.h"
#include "store/tables.h"

namespace shortlist::store {
namespace {

using Db = Result<std::shared_ptr<sql::Database>>;
Db OpenDatabase(bool postgres, const std::string& location) {
  return postgres ? OpenPostgresDatabase(location) : OpenSqliteDatabase(location);
}

template <typename Interface>
Result<std::unique_ptr<Interface>> Open(
    Db db, std::unique_ptr<Interface> (*make)(std::shared_ptr<sql::Database>)) {
  if (!db.ok()) return db.error();
  return make(std::move(db).value());
}

Result<std::unique_ptr<Store>> OpenStoreAt(bool postgres, const std::string& location,
                                           Sharing sharing) {
  auto db = OpenDatabase(postgres, location);
  if (!db.ok()) return db.error();
  // A SQLite file lives on one machine, so a counter in a file beside it tells every process there
  // when a credential was revoked (sql_store.cc); on PostgreSQL tokens are not cached.
  std::unique_ptr<SharedCounter> epoch;
  if (!postgres) {
    auto opened = SharedCounter::Open(location + "-credentials");
    if (!opened.ok()) return opened.error();
    epoch = std::move(opened).value();
  }
  const bool sole = sharing == Sharing::kByLocation ? !postgres : sharing == Sharing::kSoleServer;
  return NewSqlStore(std::move(db).value(), std::move(epoch), sole);
}

}  // namespace

bool IsPostgresLocation(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

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

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, Sharing sharing) {
  return OpenStoreAt(IsPostgresLocation(location), location, sharing);
}
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  return OpenStoreAt(false, path, Sharing::kByLocation);
}
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  return OpenStoreAt(true, url, Sharing::kByLocation);
}
Result<std::unique_ptr<WebhookStore>> OpenWebhookStore(const std::string& location) {
  return Open(OpenDatabase(IsPostgresLocation(location), location), NewSqlWebhookStore);
}
Result<std::unique_ptr<WebhookStore>> OpenSqliteWebhookStore(const std::string& path) {
  return Open(OpenSqliteDatabase(path), NewSqlWebhookStore);
}
Result<std::unique_ptr<WebhookStore>> OpenPostgresWebhookStore(const std::string& url) {
  return Open(OpenPostgresDatabase(url), NewSqlWebhookStore);
}
Result<std::unique_ptr<BillingStore>> OpenBillingStore(const std::string& location) {
  return Open(OpenDatabase(IsPostgresLocation(location), location), NewSqlBillingStore);
}
Result<std::unique_ptr<BillingStore>> OpenSqliteBillingStore(const std::string& path) {
  return Open(OpenSqliteDatabase(path), NewSqlBillingStore);
}
Result<std::unique_ptr<BillingStore>> OpenPostgresBillingStore(const std::string& url) {
  return Open(OpenPostgresDatabase(url), NewSqlBillingStore);
}
Result<std::unique_ptr<IdempotencyStore>> OpenIdempotencyStore(const std::string& location) {
  return Open(OpenDatabase(IsPostgresLocation(location), location), NewSqlIdempotencyStore);
}
Result<std::unique_ptr<IdempotencyStore>> OpenSqliteIdempotencyStore(const std::string& path) {
  return Open(OpenSqliteDatabase(path), NewSqlIdempotencyStore);
}
Result<std::unique_ptr<IdempotencyStore>> OpenPostgresIdempotencyStore(const std::string& url) {
  return Open(OpenPostgresDatabase(url), NewSqlIdempotencyStore);
}

}  // namespace shortlist::store
