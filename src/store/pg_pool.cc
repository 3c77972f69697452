#include "store/pg_pool.h"

namespace shortlist::store {

bool IsPostgresUrl(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

PgPool::PgPool(std::string conninfo, const std::string& schema) : conninfo_(std::move(conninfo)) {
  auto db = std::make_unique<PgConnection>(conninfo_);
  if (!schema.empty()) {
    // One schema creator at a time across processes: CREATE TABLE IF NOT EXISTS is not safe
    // against a concurrent CREATE of the same table. The lock ends with the transaction.
    // A schema text already applied (by its digest) is not run again: CREATE INDEX IF NOT
    // EXISTS locks its table even when the index exists, so a process starting beside busy
    // workers would queue behind their writes and could deadlock with them.
    PgTransaction transaction(*db);
    db->Exec("SELECT pg_advisory_xact_lock(7405315)");
    db->Exec("CREATE TABLE IF NOT EXISTS shortlist_schemas(digest TEXT PRIMARY KEY)");
    PgParams digest = PgParams().Add(schema);
    if (db->Query("SELECT 1 FROM shortlist_schemas WHERE digest = md5($1)", digest).rows() == 0) {
      db->Exec(schema);
      db->Query("INSERT INTO shortlist_schemas(digest) VALUES(md5($1))", digest);
    }
    transaction.Commit();
  }
  idle_.push_back(std::move(db));
}

PgPool::Lease::Lease(PgPool& p) : pool(p) {
  {
    std::lock_guard<std::mutex> lock(pool.mu_);
    if (!pool.idle_.empty()) {
      db = std::move(pool.idle_.back());
      pool.idle_.pop_back();
      return;
    }
  }
  db = std::make_unique<PgConnection>(pool.conninfo_);  // connecting takes a round trip or more
}

PgPool::Lease::~Lease() {
  if (!db->healthy()) return;  // the server dropped it: the next lease reconnects
  std::lock_guard<std::mutex> lock(pool.mu_);
  pool.idle_.push_back(std::move(db));
}

}  // namespace shortlist::store
