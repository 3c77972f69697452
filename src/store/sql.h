// The narrow SQL interface every table group of the store is written against, once: statements
// with typed parameters ($1, $2, ...) that return rows read by column, run on a connection that
// a Database leases from its pool, inside a transaction of a stated intent. Two drivers
// implement it: sqlite_db.h (an embedded file, the default) and pg_db.h (PostgreSQL, for several
// server processes on one database). What really differs between them is the Dialect below.
//
// Portable SQL, as the table groups write it: $n placeholders; CAST(x AS type) where a type must
// be named; INSERT ... ON CONFLICT (...) DO NOTHING / DO UPDATE; RETURNING; COUNT(*) FILTER
// (WHERE ...); and row locks (FOR UPDATE, FOR UPDATE SKIP LOCKED) where a transaction reads
// rows it is about to change. SQLite has no row locks: its write transactions start with BEGIN
// IMMEDIATE, which holds the whole database's write lock, so the clause is dropped there.
//
// Errors: drivers throw SqlError inside the store; Database::Run turns it into an Error value
// with code "storage", so no exception leaves the store.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/mutex.h"
#include "common/result.h"

namespace shortlist::store::sql {

class SqlError : public std::runtime_error {
 public:
  explicit SqlError(const std::string& what, bool retryable = false)
      : std::runtime_error(what), retryable_(retryable) {}
  // A deadlock or serialization failure: running the whole transaction again may succeed.
  bool retryable() const { return retryable_; }

 private:
  bool retryable_;
};

// One parameter's value. Text is referenced, not copied: it must outlive the statement's call.
struct Value {
  enum class Kind { kNull, kInt, kDouble, kBool, kText };
  Value() = default;  // NULL
  Value(std::nullopt_t) {}
  Value(std::int64_t v) : kind(Kind::kInt), i(v) {}
  Value(int v) : kind(Kind::kInt), i(v) {}
  Value(double v) : kind(Kind::kDouble), d(v) {}
  Value(bool v) : kind(Kind::kBool), i(v ? 1 : 0) {}
  Value(std::string_view v) : kind(Kind::kText), text(v.data() ? v : std::string_view("")) {}
  Value(const std::string& v) : Value(std::string_view(v)) {}
  Value(const char* v) : Value(std::string_view(v)) {}
  template <typename T>
  Value(const std::optional<T>& v) : Value(v ? Value(*v) : Value()) {}

  Kind kind = Kind::kNull;
  std::int64_t i = 0;
  double d = 0;
  std::string_view text;
};

// A statement's parameters: a braced list ({a, b}, alive for the call's full expression) or an
// array of Values.
class Params {
 public:
  Params() = default;
  Params(std::initializer_list<Value> list) : values_(list.begin(), list.size()) {}
  Params(std::span<const Value> values) : values_(values) {}
  template <std::size_t N>
  Params(const Value (&values)[N]) : values_(values, N) {}
  std::span<const Value> values() const { return values_; }

 private:
  std::span<const Value> values_;
};

// The rows a statement returned, read one at a time; columns by index. A driver's Rows may hold
// its connection's statement until destroyed: finish with one before running its SQL again.
class Rows {
 public:
  virtual ~Rows() = default;
  virtual bool Next() = 0;  // moves to the next (first) row; false when there is none
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;  // NULL reads as 0
  virtual double Double(int col) const = 0;     // NULL reads as 0
  virtual bool Bool(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  // Rows changed by an INSERT, UPDATE or DELETE without RETURNING.
  virtual int affected() const = 0;
  std::optional<std::int64_t> OptionalInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(Int(col));
  }
};

// A driver's connection; used by one thread at a time.
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  virtual ~Connection() = default;
  // One statement, prepared once per connection (cached by its text).
  virtual std::unique_ptr<Rows> Query(std::string_view sql, Params params) = 0;
  // SQL text without parameters, possibly several statements (BEGIN, COMMIT, schema).
  virtual void Exec(const std::string& sql) = 0;
  // False once the server dropped the connection (the pool then discards it).
  virtual bool healthy() const { return true; }
};

// BEGIN ... COMMIT on one connection; rolls back in its destructor unless Commit() ran.
class ScopedTransaction {
 public:
  explicit ScopedTransaction(Connection& connection, const char* begin = "BEGIN");
  ~ScopedTransaction();
  ScopedTransaction(const ScopedTransaction&) = delete;
  ScopedTransaction& operator=(const ScopedTransaction&) = delete;
  void Commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

// The statements of one Database::Run call, on its leased connection.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  std::unique_ptr<Rows> Query(std::string_view sql, Params params = {}) {
    return connection_.Query(sql, params);
  }
  // Rows changed by a statement without RETURNING.
  int Change(std::string_view sql, Params params = {}) { return Query(sql, params)->affected(); }
  // The first column of the first row as an integer (a COUNT, a RETURNING id); 0 without rows.
  std::int64_t Int(std::string_view sql, Params params = {}) {
    auto rows = Query(sql, params);
    return rows->Next() ? rows->Int(0) : 0;
  }
  // The first row read by `read(const Rows&)`, or nullopt when there is none.
  template <typename Read>
  auto One(std::string_view sql, Params params, Read read) {
    auto rows = Query(sql, params);
    return rows->Next() ? std::optional(read(*rows)) : std::nullopt;
  }
  // Every row, each read by `read(const Rows&)`.
  template <typename Read>
  auto All(std::string_view sql, Params params, Read read) {
    auto rows = Query(sql, params);
    std::vector<decltype(read(*rows))> out;
    while (rows->Next()) out.push_back(read(*rows));
    return out;
  }

 private:
  Connection& connection_;
};

// `found`, or a "not_found" error naming `what`.
template <typename T>
Result<T> Found(std::optional<T> found, const std::string& what) {
  if (!found) return Error::Make("not_found", what + " not found");
  return std::move(*found);
}

// Inserts `count` rows in statements of up to 64 rows (few round trips, few distinct statements
// to prepare). `head` is "INSERT INTO t(columns)", `types` each column's SQL type (a multi-row
// VALUES list does not take them from the table), `tail` e.g. "ON CONFLICT (...) DO NOTHING".
// `add_row(values, i)` appends row i's values. Returns how many rows were inserted.
int InsertRows(Transaction& tx, std::string_view head, std::span<const char* const> types,
               std::string_view tail, std::size_t count,
               const std::function<void(std::vector<Value>&, std::size_t)>& add_row);

// The real differences between the two dialects. Schema text names its types in braces:
// {serial} (an integer key the database assigns), {key} (one the writer gives), {real}, {bool},
// {without_rowid} (a table stored in key order); other types (BIGINT, TEXT) are common.
struct Dialect {
  const char* begin_write;  // how a kWrite transaction starts
  char placeholder;         // '$': $n as written; '?': $n becomes ?n
  bool row_locks;           // false: FOR UPDATE [SKIP LOCKED] is dropped
  const char *serial, *key, *real, *boolean, *without_rowid;
};
inline constexpr Dialect kSqlite = {"BEGIN IMMEDIATE",     '?',    false,     "INTEGER PRIMARY KEY",
                                    "INTEGER PRIMARY KEY", "REAL", "INTEGER", " WITHOUT ROWID"};
inline constexpr Dialect kPostgres = {
    "BEGIN",   '$', true, "BIGSERIAL PRIMARY KEY", "BIGINT PRIMARY KEY", "DOUBLE PRECISION",
    "BOOLEAN", ""};
// Portable SQL (or schema text) as `dialect` takes it.
std::string Translate(const Dialect& dialect, std::string_view sql);

// What a Run call's statements need from their connection.
enum class Intent {
  // No transaction: each statement commits on its own. For reads, and for writes that are one
  // statement each (one statement is atomic by itself). No extra round trip.
  kRead,
  // One transaction, committed when the function's result is ok and rolled back otherwise:
  // SQLite BEGIN IMMEDIATE (the database's write lock up front, so two writers never deadlock
  // on upgrade), PostgreSQL BEGIN with the rows the SQL locks (FOR UPDATE). A deadlock or
  // serialization failure runs the function again, up to three times.
  kWrite,
};

// A pool of connections to one database, shared by the threads of a process: Run leases an idle
// connection (connecting a new one when none is idle) and gives it back afterwards. Several
// Databases (other stores, other processes) may use the same database at once.
class Database {
 public:
  using Connect = std::function<std::unique_ptr<Connection>()>;
  // `first` is an open connection (the driver opened it to check the location and apply the
  // schema); `connect` opens more.
  Database(const Dialect& dialect, Connect connect, std::unique_ptr<Connection> first);

  // Runs `f(Transaction&)`, which returns a Result<T> or a Status, on a leased connection.
  template <typename F>
  auto Run(Intent intent, F&& f) -> decltype(f(std::declval<Transaction&>())) {
    for (int attempt = 1;; ++attempt) {
      try {
        Lease lease(*this);
        Transaction tx(*lease.connection);
        if (intent == Intent::kRead) return f(tx);
        ScopedTransaction scope(*lease.connection, dialect_.begin_write);
        auto result = f(tx);
        if (result.ok()) scope.Commit();
        return result;
      } catch (const SqlError& e) {
        if (intent == Intent::kRead || !e.retryable() || attempt == 3) {
          return Error::Make("storage", std::string("database error: ") + e.what());
        }
      }
    }
  }
  // One statement that returns nothing, committed on its own.
  Status Write(std::string_view sql, Params params);
  // One statement's rows, each read by `read(const Rows&)`.
  template <typename Read>
  auto All(std::string_view sql, Params params, Read read) {
    return Run(Intent::kRead, [&](Transaction& tx) { return Result(tx.All(sql, params, read)); });
  }
  // One statement's first row read by `read`, or "not_found" naming `what`.
  template <typename Read>
  auto One(std::string_view sql, Params params, Read read, const std::string& what) {
    return Run(Intent::kRead,
               [&](Transaction& tx) { return Found(tx.One(sql, params, read), what); });
  }

 private:
  struct Lease {
    explicit Lease(Database& database);
    ~Lease();
    Database& database;
    std::unique_ptr<Connection> connection;
  };

  const Dialect& dialect_;
  Connect connect_;
  Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ GUARDED_BY(mu_);
};

}  // namespace shortlist::store::sql
