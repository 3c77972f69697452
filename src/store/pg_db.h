// The PostgreSQL driver of sql.h: a libpq connection with a cache of prepared statements, for any
// number of server processes (on any number of machines) sharing one database. Portable SQL is
// PostgreSQL's own: statements run as written, parameters travel as text. Deadlocks and
// serialization failures are retryable SqlErrors (sql::Database::Run runs the transaction again).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql.h"

struct pg_conn;

namespace shortlist::store {

using PgError = sql::SqlError;
using PgTransaction = sql::ScopedTransaction;

class PgConnection : public sql::Connection {
 public:
  // Connects with a libpq connection string or URL; throws SqlError.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection() override;
  bool healthy() const override;

  void Exec(const std::string& sql) override;
  std::unique_ptr<sql::Rows> Query(std::string_view sql, sql::Params params) override;

 private:
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL -> statement name
  pg_conn* conn_ = nullptr;
};

// Connects to the database at `url`, creating every missing table, migrated.
Result<std::shared_ptr<sql::Database>> OpenPostgresDatabase(const std::string& url);

}  // namespace shortlist::store
