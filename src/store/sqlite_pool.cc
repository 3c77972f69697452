#include "store/sqlite_pool.h"

namespace shortlist::store {
namespace {

// Memory statistics take a global mutex on every allocation; nothing here reads them.
void ConfigureSqliteOnce() {
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

SqlitePool::SqlitePool(std::string path, const std::string& schema) : path_(std::move(path)) {
  ConfigureSqliteOnce();
  auto db = std::make_unique<SqliteDb>(path_);
  if (!schema.empty()) db->Exec(schema);
  idle_.push_back(std::move(db));
}

SqlitePool::Lease::Lease(SqlitePool& p) : pool(p) {
  std::lock_guard<std::mutex> lock(pool.mu_);
  if (pool.idle_.empty()) {
    db = std::make_unique<SqliteDb>(pool.path_);
  } else {
    db = std::move(pool.idle_.back());
    pool.idle_.pop_back();
  }
}

SqlitePool::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(pool.mu_);
  pool.idle_.push_back(std::move(db));
}

}  // namespace shortlist::store
