#include "store/pg_db.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace shortlist::store {
namespace {

// Throws PgError unless `result` has the status a command or a query should have.
void CheckResult(PGconn* conn, PGresult* result) {
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  PQclear(result);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  throw PgError(message, sqlstate);
}

}  // namespace

PgParams& PgParams::Add(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return AddText(buffer);
}

std::vector<const char*> PgParams::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

int PgResult::affected() const {
  const char* n = PQcmdTuples(result_);
  return (n && *n) ? std::atoi(n) : 0;
}

std::int64_t PgResult::Int(int row, int col) const {
  const char* p = PQgetvalue(result_, row, col);
  std::int64_t v = 0;
  std::from_chars(p, p + PQgetlength(result_, row, col), v);
  return v;
}

double PgResult::Double(int row, int col) const {
  if (IsNull(row, col)) return 0;
  return std::strtod(PQgetvalue(result_, row, col), nullptr);
}

bool PgResult::Bool(int row, int col) const {
  const char* p = PQgetvalue(result_, row, col);
  return p[0] == 't';
}

PgConnection::PgConnection(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("cannot connect to PostgreSQL: " + message, "");
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep stderr quiet.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

PgResult PgConnection::Query(std::string_view sql, const PgParams& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    std::string text(sql);
    PGresult* prepared = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    CheckResult(conn_, prepared);
    PQclear(prepared);
    it = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  std::vector<const char*> values = params.Pointers();
  PGresult* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0);
  CheckResult(conn_, result);
  return PgResult(result);
}

void PgConnection::Exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  CheckResult(conn_, result);
  PQclear(result);
}

}  // namespace shortlist::store
