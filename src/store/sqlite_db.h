// A thin RAII layer over the SQLite C API: a connection with a statement cache, statements
// bound by index, and a transaction that rolls back in its destructor unless committed.
// A SqliteDb is used by one thread at a time (the pool in sqlite_store.cc hands them out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shortlist::store {

// Thrown inside the store only; Store methods turn it into an Error with code "storage".
class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class SqliteStmt {
 public:
  SqliteStmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStmt() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;

  SqliteStmt& Bind(int i, std::int64_t v) {
    Check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  SqliteStmt& Bind(int i, int v) { return Bind(i, static_cast<std::int64_t>(v)); }
  SqliteStmt& Bind(int i, double v) {
    Check(sqlite3_bind_double(stmt_, i, v));
    return *this;
  }
  SqliteStmt& Bind(int i, std::string_view v) {
    // A default string_view has a null data pointer, which SQLite would bind as NULL.
    Check(sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  SqliteStmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  SqliteStmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  SqliteStmt& BindNull(int i) {
    Check(sqlite3_bind_null(stmt_, i));
    return *this;
  }

  // True while there is a row; false when done.
  bool Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SqliteError(sqlite3_errmsg(db_), rc);
  }
  void Run() {
    while (Step()) {
    }
  }

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK) throw SqliteError(sqlite3_errmsg(db_), rc);
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteDb {
 public:
  // Opens with WAL, foreign keys, a busy timeout, and synchronous=FULL (a commit is on disk).
  explicit SqliteDb(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // A cached prepared statement; valid until the SqliteStmt goes out of scope.
  SqliteStmt Prepare(std::string_view sql);
  void Exec(const std::string& sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;  // transparent: no copy to look up
};

// Schema migration for databases made by an older version: ALTER TABLE `table` ADD COLUMN
// `column` `declaration` unless the column exists.
void AddColumnIfMissing(SqliteDb& db, const std::string& table, const std::string& column,
                        const std::string& declaration);

// BEGIN IMMEDIATE (takes the write lock up front, so two writers never deadlock on upgrade);
// rolls back in the destructor unless Commit() ran.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }
  ~SqliteTransaction() {
    if (!done_) {
      try {
        db_.Exec("ROLLBACK");
      } catch (...) {
      }
    }
  }
  void Commit() {
    db_.Exec("COMMIT");
    done_ = true;
  }

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace shortlist::store
