// The SQLite driver of sql.h: a connection to a database file (the default database) with a
// cache of prepared statements, translated from portable SQL once, when first prepared ($n
// becomes ?n, row-lock clauses go). WAL lets readers run beside the one writer, in this process
// and in others (the CLI); synchronous=FULL makes an answered commit durable; a busy writer is
// waited for up to 10 s.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql.h"

struct sqlite3;
struct sqlite3_stmt;

namespace shortlist::store {

using SqliteError = sql::SqlError;

class SqliteDb : public sql::Connection {
 public:
  // Opens (creating) the file with WAL, foreign keys and a busy timeout; throws SqlError.
  explicit SqliteDb(const std::string& path);
  ~SqliteDb() override;

  std::unique_ptr<sql::Rows> Query(std::string_view sql, sql::Params params) override;
  void Exec(const std::string& sql) override;

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;  // portable SQL -> its statement
};

// Opens the database file at `path`, creating it and every missing table, migrated.
Result<std::shared_ptr<sql::Database>> OpenSqliteDatabase(const std::string& path);

}  // namespace shortlist::store
