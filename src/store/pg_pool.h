// A pool of PostgreSQL connections to one database, shared by the threads of a process; the
// PostgreSQL twin of sqlite_pool.h.
//
// Run() leases an idle connection (connecting a new one when none is idle), runs the function
// on it and returns it to the pool; a connection the server dropped is discarded instead, so the
// next call reconnects. A PgError thrown inside the function becomes an Error with code
// "storage" (the message names the SQLSTATE), so store methods return errors as values.
//
// Several server processes share one database: the schema is created under an advisory lock so
// two processes starting together do not race on CREATE TABLE.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/pg_db.h"

namespace shortlist::store {

// True for "postgresql://..." and "postgres://..." (the --database values that mean PostgreSQL).
bool IsPostgresUrl(const std::string& location);

class PgPool {
 public:
  // Connects once at once (so a bad URL or a server that is down fails here, as PgError) and
  // runs `schema` (idempotent SQL: CREATE TABLE IF NOT EXISTS ...) when not empty.
  explicit PgPool(std::string conninfo, const std::string& schema = "");
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs `f(PgConnection&)` on a leased connection. `f` returns a Result<T> or Status.
  template <typename F>
  auto Run(F&& f) -> decltype(f(std::declval<PgConnection&>())) {
    try {
      Lease lease(*this);
      return f(*lease.db);
    } catch (const PgError& e) {
      return Error::Make("storage", std::string("database error: ") + e.what());
    }
  }

 private:
  struct Lease {
    explicit Lease(PgPool& pool);
    ~Lease();
    PgPool& pool;
    std::unique_ptr<PgConnection> db;
  };

  std::string conninfo_;
  std::mutex mu_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // GUARDED_BY(mu_)
};

}  // namespace shortlist::store
