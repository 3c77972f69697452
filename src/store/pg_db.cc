#include "store/pg_db.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "common/crypto.h"
#include "store/schema.h"

namespace shortlist::store {
namespace {

// Throws SqlError unless `result` has the status a command or a query should have.
void Check(PGconn* conn, PGresult* result) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  PQclear(result);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  // 40001 serialization failure, 40P01 deadlock: the transaction may succeed when run again.
  throw sql::SqlError(message, sqlstate == "40001" || sqlstate == "40P01");
}

// Every column arrives as text.
class PgRows : public sql::Rows {
 public:
  explicit PgRows(PGresult* result) : result_(result) {}
  ~PgRows() override { PQclear(result_); }
  bool Next() override { return ++row_ < PQntuples(result_); }
  bool IsNull(int col) const override { return PQgetisnull(result_, row_, col) != 0; }
  std::int64_t Int(int col) const override {
    const char* p = PQgetvalue(result_, row_, col);
    std::int64_t v = 0;
    std::from_chars(p, p + PQgetlength(result_, row_, col), v);
    return v;
  }
  double Double(int col) const override {
    return IsNull(col) ? 0 : std::strtod(PQgetvalue(result_, row_, col), nullptr);
  }
  bool Bool(int col) const override {
    const char c = PQgetvalue(result_, row_, col)[0];
    return c == 't' || c == '1';
  }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(result_, row_, col),
                       static_cast<std::size_t>(PQgetlength(result_, row_, col)));
  }
  int affected() const override {
    const char* n = PQcmdTuples(result_);
    return (n && *n) ? std::atoi(n) : 0;
  }

 private:
  PGresult* result_;
  int row_ = -1;
};

std::string AsText(const sql::Value& v) {
  using Kind = sql::Value::Kind;
  if (v.kind == Kind::kText) return std::string(v.text);
  if (v.kind == Kind::kBool) return v.i ? "true" : "false";
  if (v.kind != Kind::kDouble) return std::to_string(v.i);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v.d);
  return buffer;
}

// The schema, once per schema text: under an advisory lock, so processes starting together do
// not race on CREATE TABLE, and not again once applied (its digest is recorded), because CREATE
// INDEX IF NOT EXISTS locks its table even when the index exists, so a process starting beside
// busy workers would queue behind their writes and could deadlock with them.
void ApplySchema(PgConnection& db) {
  std::string text = sql::Translate(sql::kPostgres, kSchemaTables);
  for (const AddedColumn& a : kSchemaAddedColumns) {
    text += std::string("ALTER TABLE ") + a.table + " ADD COLUMN IF NOT EXISTS " + a.column + " " +
            sql::Translate(sql::kPostgres, a.declaration) + ";\n";
  }
  text += kSchemaAfterAddedColumns;
  const std::string digest = Sha256Hex(text);
  PgTransaction transaction(db);
  db.Exec("SELECT pg_advisory_xact_lock(7405315)");
  db.Exec("CREATE TABLE IF NOT EXISTS shortlist_schemas(digest TEXT PRIMARY KEY)");
  if (!db.Query("SELECT 1 FROM shortlist_schemas WHERE digest = $1", {digest})->Next()) {
    db.Exec(text);
    db.Query("INSERT INTO shortlist_schemas(digest) VALUES($1)", {digest});
  }
  transaction.Commit();
}

}  // namespace

PgConnection::PgConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn_);
    throw sql::SqlError("cannot connect to PostgreSQL: " + message);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep stderr quiet.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

std::unique_ptr<sql::Rows> PgConnection::Query(std::string_view sql, sql::Params params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    std::string text(sql);
    PGresult* prepared = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    Check(conn_, prepared);
    PQclear(prepared);
    it = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  std::vector<std::string> texts;
  std::vector<const char*> values;
  texts.reserve(params.values().size());
  for (const sql::Value& v : params.values()) {
    texts.push_back(v.kind == sql::Value::Kind::kNull ? std::string() : AsText(v));
    values.push_back(v.kind == sql::Value::Kind::kNull ? nullptr : texts.back().c_str());
  }
  PGresult* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0);
  Check(conn_, result);
  return std::make_unique<PgRows>(result);
}

void PgConnection::Exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  Check(conn_, result);
  PQclear(result);
}

Result<std::shared_ptr<sql::Database>> OpenPostgresDatabase(const std::string& url) {
  try {
    auto first = std::make_unique<PgConnection>(url);
    ApplySchema(*first);
    return std::make_shared<sql::Database>(
        sql::kPostgres, [url] { return std::make_unique<PgConnection>(url); }, std::move(first));
  } catch (const sql::SqlError& e) {
    return Error::Make("storage", e.what());
  }
}

}  // namespace shortlist::store
