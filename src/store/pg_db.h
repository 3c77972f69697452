// A thin RAII layer over libpq, the PostgreSQL twin of sqlite_db.h: a connection with a cache of
// prepared statements, parameters passed as text (never spliced into SQL), results read by
// row and column, and a transaction that rolls back in its destructor unless committed.
//
// A PgConnection is used by one thread at a time (PgPool hands them out). Every failure throws
// PgError inside the store; PgPool::Run turns it into an Error value with code "storage".
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::store {

class PgError : public std::runtime_error {
 public:
  PgError(const std::string& what, std::string sqlstate)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  // The five-character SQLSTATE ("23505" unique violation, "40001" serialization failure,
  // "40P01" deadlock), or "" when the connection itself failed.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// Query parameters, $1, $2, ... in the order added. Values travel as text.
class PgParams {
 public:
  PgParams& Add(std::int64_t v) { return AddText(std::to_string(v)); }
  PgParams& Add(int v) { return AddText(std::to_string(v)); }
  PgParams& Add(double v);
  PgParams& Add(bool v) { return AddText(v ? "true" : "false"); }
  PgParams& Add(std::string_view v) { return AddText(std::string(v)); }
  PgParams& Add(const char* v) { return AddText(v); }
  PgParams& Add(const std::string& v) { return AddText(v); }
  PgParams& AddNull() {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  std::size_t size() const { return values_.size(); }
  // Pointers for PQexecPrepared; valid while this object lives and is not changed.
  std::vector<const char*> Pointers() const;

 private:
  PgParams& AddText(std::string v) {
    values_.emplace_back(std::move(v));
    return *this;
  }
  std::vector<std::optional<std::string>> values_;
};

// The rows a statement returned. Columns are read as text and converted.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  ~PgResult() { PQclear(result_); }
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult& operator=(PgResult&&) = delete;
  PgResult(const PgResult&) = delete;

  int rows() const { return PQntuples(result_); }
  bool empty() const { return rows() == 0; }
  // Rows changed by INSERT/UPDATE/DELETE.
  int affected() const;
  bool IsNull(int row, int col) const { return PQgetisnull(result_, row, col) != 0; }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(result_, row, col),
                       static_cast<std::size_t>(PQgetlength(result_, row, col)));
  }
  std::int64_t Int(int row, int col) const;  // NULL reads as 0
  double Double(int row, int col) const;     // NULL reads as 0
  bool Bool(int row, int col) const;         // PostgreSQL's 't'/'f'

 private:
  PGresult* result_;
};

class PgConnection {
 public:
  // Connects with a libpq connection string or URL ("postgresql://user@host:5432/db").
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement, prepared once per connection and cached by its text.
  PgResult Query(std::string_view sql, const PgParams& params = PgParams());
  // Runs SQL text that may hold several statements and no parameters (schema, BEGIN, ...).
  void Exec(const std::string& sql);
  // False once the server has gone (the pool then drops the connection).
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  PGconn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL -> statement name
};

// BEGIN ... COMMIT; rolls back in the destructor unless Commit() ran.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& db) : db_(db) { db_.Exec("BEGIN"); }
  ~PgTransaction() {
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
  PgConnection& db_;
  bool done_ = false;
};

}  // namespace shortlist::store
