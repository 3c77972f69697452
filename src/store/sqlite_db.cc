#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <mutex>

#include "store/schema.h"

namespace shortlist::store {
namespace {

[[noreturn]] void Fail(sqlite3* db, const std::string& context = "") {
  throw sql::SqlError(std::string(db ? sqlite3_errmsg(db) : "out of memory") + context);
}

// Steps lazily: the first step runs in Start (so a write is done when Query returns), later ones
// in Next. Resets the statement when destroyed, for its next use.
class SqliteRows : public sql::Rows {
 public:
  SqliteRows(sqlite3* db, sqlite3_stmt* st) : db_(db), st_(st) {}
  ~SqliteRows() override {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  void Bind(std::span<const sql::Value> params) {
    using Kind = sql::Value::Kind;
    for (int i = 1; const sql::Value& v : params) {
      const int rc = v.kind == Kind::kNull     ? sqlite3_bind_null(st_, i)
                     : v.kind == Kind::kDouble ? sqlite3_bind_double(st_, i, v.d)
                     : v.kind == Kind::kText
                         ? sqlite3_bind_text(st_, i, v.text.data(), static_cast<int>(v.text.size()),
                                             SQLITE_TRANSIENT)
                         : sqlite3_bind_int64(st_, i, v.i);  // integers, booleans
      if (rc != SQLITE_OK) Fail(db_);
      ++i;
    }
  }
  void Start() { row_ = Step(); }
  bool Next() override {
    if (started_) return row_ && (row_ = Step());  // once done, never again: it would rerun
    started_ = true;
    return row_;
  }
  bool IsNull(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(st_, col); }
  double Double(int col) const override { return sqlite3_column_double(st_, col); }
  bool Bool(int col) const override { return sqlite3_column_int64(st_, col) != 0; }
  std::string Text(int col) const override {
    const unsigned char* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
  }
  int affected() const override { return affected_; }

 private:
  bool Step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) Fail(db_);
    affected_ = sqlite3_changes(db_);
    return false;
  }
  sqlite3* db_;
  sqlite3_stmt* st_;
  bool row_ = false, started_ = false;
  int affected_ = 0;
};

// ALTER TABLE `table` ADD COLUMN unless the column exists (SQLite has no ADD COLUMN IF NOT EXISTS).
void AddColumnIfMissing(SqliteDb& db, const AddedColumn& added) {
  if (db.Query("SELECT 1 FROM pragma_table_info($1) WHERE name = $2", {added.table, added.column})
          ->Next()) {
    return;
  }
  db.Exec(std::string("ALTER TABLE ") + added.table + " ADD COLUMN " + added.column + " " +
          sql::Translate(sql::kSqlite, added.declaration));
}

}  // namespace

SqliteDb::SqliteDb(const std::string& path) {
  // Memory statistics take a global mutex on every allocation; nothing here reads them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message =
        "cannot open database " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
    sqlite3_close(db_);
    throw sql::SqlError(message);
  }
  sqlite3_busy_timeout(db_, 10'000);
  Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
}

SqliteDb::~SqliteDb() {
  for (auto& [text, st] : cache_) sqlite3_finalize(st);
  sqlite3_close(db_);
}

std::unique_ptr<sql::Rows> SqliteDb::Query(std::string_view sql, sql::Params params) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    const std::string text = sql::Translate(sql::kSqlite, sql);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                           SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
      Fail(db_, " in: " + text);
    }
    it = cache_.emplace(std::string(sql), st).first;
  }
  auto rows = std::make_unique<SqliteRows>(db_, it->second);
  rows->Bind(params.values());
  rows->Start();
  return rows;
}

void SqliteDb::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw sql::SqlError(message);
  }
}

Result<std::shared_ptr<sql::Database>> OpenSqliteDatabase(const std::string& path) {
  try {
    auto first = std::make_unique<SqliteDb>(path);
    first->Exec(sql::Translate(sql::kSqlite, kSchemaTables));
    for (const AddedColumn& added : kSchemaAddedColumns) AddColumnIfMissing(*first, added);
    first->Exec(kSchemaAfterAddedColumns);
    return std::make_shared<sql::Database>(
        sql::kSqlite, [path] { return std::make_unique<SqliteDb>(path); }, std::move(first));
  } catch (const sql::SqlError& e) {
    return Error::Make("storage", e.what());
  }
}

}  // namespace shortlist::store
