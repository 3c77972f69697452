#include "store/sqlite_db.h"

namespace shortlist::store {

SqliteDb::SqliteDb(const std::string& path) {
  int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("cannot open database " + path + ": " + msg, rc);
  }
  sqlite3_busy_timeout(db_, 10'000);
  Exec("PRAGMA journal_mode=WAL");
  Exec("PRAGMA synchronous=FULL");
  Exec("PRAGMA foreign_keys=ON");
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

SqliteStmt SqliteDb::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      throw SqliteError(std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql), rc);
    }
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return SqliteStmt(db_, it->second);
}

void SqliteDb::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw SqliteError(msg, rc);
  }
}

void AddColumnIfMissing(SqliteDb& db, const std::string& table, const std::string& column,
                        const std::string& declaration) {
  auto st = db.Prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  st.Bind(1, table).Bind(2, column);
  if (st.Step()) return;
  db.Exec("ALTER TABLE " + table + " ADD COLUMN " + column + " " + declaration);
}

}  // namespace shortlist::store
