// A pool of SQLite connections to one database file, shared by the threads of a process.
//
// SQLite connections are not shared between threads; Run() leases an idle connection (opening
// a new one when none is idle), runs the function on it and returns it to the pool. WAL lets
// readers run beside the one writer; writers use SqliteTransaction (BEGIN IMMEDIATE). Several
// stores (jobs, webhooks, billing, ...) may each keep a pool on the same file.
//
// Run() turns a SqliteError thrown inside the function into an Error with code "storage", so
// store methods return errors as values.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/sqlite_db.h"

namespace shortlist::store {

class SqlitePool {
 public:
  // Opens one connection at once (so a bad path fails here, as SqliteError) and runs `schema`
  // (idempotent SQL, e.g. CREATE TABLE IF NOT EXISTS ...) on it when not empty.
  explicit SqlitePool(std::string path, const std::string& schema = "");
  SqlitePool(const SqlitePool&) = delete;
  SqlitePool& operator=(const SqlitePool&) = delete;

  const std::string& path() const { return path_; }

  // Runs `f(SqliteDb&)` on a leased connection. `f` returns a Result<T> or Status.
  template <typename F>
  auto Run(F&& f) -> decltype(f(std::declval<SqliteDb&>())) {
    try {
      Lease lease(*this);
      return f(*lease.db);
    } catch (const SqliteError& e) {
      return Error::Make("storage", std::string("database error: ") + e.what());
    }
  }

 private:
  struct Lease {
    explicit Lease(SqlitePool& pool);
    ~Lease();
    SqlitePool& pool;
    std::unique_ptr<SqliteDb> db;
  };

  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqliteDb>> idle_;  // GUARDED_BY(mu_)
};

}  // namespace shortlist::store
