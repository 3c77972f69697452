#include "store/sql.h"

#include <algorithm>

namespace shortlist::store::sql {
namespace {

constexpr std::size_t kRowsPerInsert = 64;

// The word a {name} in schema text stands for.
std::string_view TypeWord(const Dialect& d, std::string_view name) {
  if (name == "serial") return d.serial;
  if (name == "key") return d.key;
  if (name == "real") return d.real;
  if (name == "bool") return d.boolean;
  if (name == "without_rowid") return d.without_rowid;
  throw SqlError("unknown type word {" + std::string(name) + "}");
}

}  // namespace

ScopedTransaction::ScopedTransaction(Connection& connection, const char* begin)
    : connection_(connection) {
  connection_.Exec(begin);
}

ScopedTransaction::~ScopedTransaction() {
  if (done_) return;
  try {
    connection_.Exec("ROLLBACK");
  } catch (const SqlError&) {  // a dropped connection: the server rolled back already
  }
}

void ScopedTransaction::Commit() {
  connection_.Exec("COMMIT");
  done_ = true;
}

std::string Translate(const Dialect& dialect, std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == '$' && dialect.placeholder != '$') {
      out += dialect.placeholder;
    } else if (!quoted && c == '{') {
      const std::size_t end = sql.find('}', i);
      out += TypeWord(dialect, sql.substr(i + 1, end - i - 1));
      i = end;
    } else if (!quoted && !dialect.row_locks && sql.compare(i, 11, " FOR UPDATE") == 0) {
      i += sql.compare(i, 23, " FOR UPDATE SKIP LOCKED") == 0 ? 22 : 10;
    } else {
      out += c;
    }
  }
  return out;
}

int InsertRows(Transaction& tx, std::string_view head, std::span<const char* const> types,
               std::string_view tail, std::size_t count,
               const std::function<void(std::vector<Value>&, std::size_t)>& add_row) {
  int inserted = 0;
  std::vector<Value> values;
  for (std::size_t start = 0; start < count; start += kRowsPerInsert) {
    const std::size_t rows = std::min(kRowsPerInsert, count - start);
    std::string sql = std::string(head) + " VALUES";
    values.clear();
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ",(" : "(";
      for (std::size_t c = 0; c < types.size(); ++c) {
        sql += (c ? ",CAST($" : "CAST($") + std::to_string(r * types.size() + c + 1) + " AS " +
               types[c] + ")";
      }
      sql += ')';
      add_row(values, start + r);
    }
    inserted += tx.Change(sql + " " + std::string(tail), std::span<const Value>(values));
  }
  return inserted;
}

Database::Database(const Dialect& dialect, Connect connect, std::unique_ptr<Connection> first)
    : dialect_(dialect), connect_(std::move(connect)) {
  MutexLock lock(mu_);
  idle_.push_back(std::move(first));
}

Status Database::Write(std::string_view sql, Params params) {
  return Run(Intent::kRead, [&](Transaction& tx) -> Status {
    tx.Query(sql, params);
    return OkStatus();
  });
}

Database::Lease::Lease(Database& d) : database(d) {
  {
    MutexLock lock(database.mu_);
    if (!database.idle_.empty()) {
      connection = std::move(database.idle_.back());
      database.idle_.pop_back();
      return;
    }
  }
  connection = database.connect_();  // connecting takes a round trip or more: not under the lock
}

Database::Lease::~Lease() {
  if (!connection->healthy()) return;  // dropped by the server: the next lease reconnects
  MutexLock lock(database.mu_);
  database.idle_.push_back(std::move(connection));
}

}  // namespace shortlist::store::sql
