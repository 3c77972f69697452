// PostgreSQL implementation of Store: the same answers as sqlite_store.cc, for any number of
// server processes (on any number of machines) sharing one database.
//
// Concurrency: each call leases its own connection from a PgPool; writes that read before they
// write run in one transaction and take the job row's lock first (SELECT ... FOR UPDATE), so a
// save, a cancel and a finish of one job are applied one after another, whichever process
// sends them. Claiming uses FOR UPDATE SKIP LOCKED: concurrent claimers each take a different
// queued row without waiting on each other. A worker's claim is a lease: it renews heartbeat_at
// (HeartbeatJobs) and any process requeues jobs whose lease ran out (RequeueStaleJobs).
// Nothing is requeued at start-up (RequeueOrphanedJobs returns 0): other processes are alive.
//
// Caches: tokens are NOT cached (unlike SQLite, whose cross-process epoch is a file on one
// machine): one index probe per request, and a revoke is seen by every process at once.
#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "common/clock.h"
#include "common/crypto.h"
#include "store/pg_db.h"
#include "store/pg_pool.h"
#include "store/pg_schema.h"
#include "store/store.h"

namespace shortlist::store {

using model::Account;
using model::CandidateFilter;
using model::CandidateRecord;
using model::IsFinal;
using model::Job;
using model::JobClaim;
using model::JobFilter;
using model::JobStatus;
using model::JobSummary;
using model::JobSurface;
using model::NewJob;
using model::OutcomeRecord;
using model::ParseJobStatus;
using model::ParsePlan;
using model::Plan;
using model::Principal;
using model::ResumeInput;
using model::TokenInfo;
namespace {

constexpr const char* kJobColumns =
    "id, account_id, surface, public_id, title, description, leniency, status, created_at, "
    "started_at, completed_at, candidate_count, processed_count, error, webhook_url, "
    "webhook_conditions, options";

constexpr const char* kCandidateColumns =
    "job_id, idx, filename, external_id, name, email, phone, linkedin_url, score, qualified, "
    "status, user_notes, analysis, error_code, error_message, processed_at, raw_score";

// The type of each candidate column, for the casts of a multi-row INSERT.
constexpr const char* kCandidateTypes[] = {"bigint", "int",  "text", "text",   "text",  "text",
                                           "text",   "text", "int",  "bool",   "text",  "text",
                                           "text",   "text", "text", "bigint", "float8"};

constexpr const char* kResumeTypes[] = {"bigint", "int", "text", "text", "text", "text", "text"};

// Rows per INSERT statement: few round trips for a big batch, few distinct statements to
// prepare (one per remainder size) and far below the 65535-parameter limit.
constexpr std::size_t kRowsPerInsert = 64;

std::string Select(const char* columns, const std::string& rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

JobSurface ParseSurface(const std::string& s) {
  if (s == "evaluate") return JobSurface::kEvaluate;
  if (s == "bulk_screen") return JobSurface::kBulkScreen;
  return JobSurface::kJobs;
}

Job ReadJob(const PgResult& r, int row = 0) {
  Job j;
  j.id = r.Int(row, 0);
  j.account_id = r.Int(row, 1);
  j.surface = ParseSurface(r.Text(row, 2));
  j.public_id = r.Text(row, 3);
  j.title = r.Text(row, 4);
  j.description = r.Text(row, 5);
  j.leniency_level = static_cast<int>(r.Int(row, 6));
  j.status = ParseJobStatus(r.Text(row, 7)).value_or(JobStatus::kFailed);
  j.created_at_ms = r.Int(row, 8);
  j.started_at_ms = r.Int(row, 9);
  j.completed_at_ms = r.Int(row, 10);
  j.candidate_count = static_cast<int>(r.Int(row, 11));
  j.processed_count = static_cast<int>(r.Int(row, 12));
  j.error = r.Text(row, 13);
  j.webhook_url = r.Text(row, 14);
  j.webhook_conditions_json = r.Text(row, 15);
  j.options_json = r.Text(row, 16);
  return j;
}

CandidateRecord ReadCandidate(const PgResult& r, int row = 0) {
  CandidateRecord c;
  c.job_id = r.Int(row, 0);
  c.index = static_cast<int>(r.Int(row, 1));
  c.filename = r.Text(row, 2);
  c.external_id = r.Text(row, 3);
  c.name = r.Text(row, 4);
  c.email = r.Text(row, 5);
  c.phone = r.Text(row, 6);
  c.linkedin_url = r.Text(row, 7);
  c.score = static_cast<int>(r.Int(row, 8));
  c.qualified = r.Bool(row, 9);
  c.status = r.Text(row, 10);
  c.user_notes = r.Text(row, 11);
  c.analysis_json = r.Text(row, 12);
  c.error_code = r.Text(row, 13);
  c.error_message = r.Text(row, 14);
  c.processed_at_ms = r.Int(row, 15);
  c.raw_score = r.Double(row, 16);
  return c;
}

Account ReadAccount(const PgResult& r, int row = 0, int first = 0) {
  Account a;
  a.id = r.Int(row, first);
  a.name = r.Text(row, first + 1);
  a.email = r.Text(row, first + 2);
  a.plan = ParsePlan(r.Text(row, first + 3)).value_or(Plan::kStandard);
  a.created_at_ms = r.Int(row, first + 4);
  return a;
}

// A value, or NULL for nullopt.
template <typename T>
void AddOptional(PgParams& params, const std::optional<T>& value) {
  if (value) {
    params.Add(*value);
  } else {
    params.AddNull();
  }
}

Error NotFound(const std::string& what) { return Error::Make("not_found", what + " not found"); }

// "INSERT INTO table(columns) VALUES($1::t1, ...), (...) <tail>" for `rows` rows. Parameters are
// cast to their column's type: a multi-row VALUES list does not infer them from the target.
std::string MultiRowInsert(const std::string& head, const char* const* types, int columns,
                           std::size_t rows, const char* tail) {
  std::string sql = head + " VALUES";
  int n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < columns; ++c) {
      if (c) sql += ',';
      sql += '$' + std::to_string(++n) + "::" + types[c];
    }
    sql += ')';
  }
  return sql + " " + tail;
}

// Inserts `count` rows in statements of up to kRowsPerInsert rows; `add_row(params, i)` adds
// row i's values. Returns how many rows were inserted (ON CONFLICT DO NOTHING skips some).
template <typename AddRow>
int InsertRows(PgConnection& db, const std::string& head, const char* const* types, int columns,
               const char* tail, std::size_t count, AddRow add_row) {
  int inserted = 0;
  for (std::size_t start = 0; start < count; start += kRowsPerInsert) {
    const std::size_t rows = std::min(kRowsPerInsert, count - start);
    PgParams params;
    for (std::size_t i = start; i < start + rows; ++i) add_row(params, i);
    inserted += db.Query(MultiRowInsert(head, types, columns, rows, tail), params).affected();
  }
  return inserted;
}

class PgStore : public Store {
 public:
  explicit PgStore(const std::string& url) : pool_(url, kPgSchema) {}

  Result<Account> CreateAccount(const std::string& name, const std::string& email,
                                Plan plan) override {
    return pool_.Run([&](PgConnection& db) -> Result<Account> {
      // ON CONFLICT waits for a concurrent insert of the same name and then skips: two
      // processes creating one account get one row and one "conflict", never a storage error.
      Account a{0, name, email, plan, NowMs()};
      auto r = db.Query(
          "INSERT INTO accounts(name, email, plan, created_at) VALUES($1, $2, $3, $4) "
          "ON CONFLICT (name) DO NOTHING RETURNING id",
          PgParams().Add(name).Add(email).Add(ToString(plan)).Add(a.created_at_ms));
      if (r.empty()) {
        return Error::Make("conflict", "an account named '" + name + "' already exists", "account");
      }
      a.id = r.Int(0, 0);
      return a;
    });
  }

  Result<Account> FindAccountByName(const std::string& name) override {
    return pool_.Run([&](PgConnection& db) -> Result<Account> {
      auto r = db.Query("SELECT id, name, email, plan, created_at FROM accounts WHERE name = $1",
                        PgParams().Add(name));
      if (r.empty()) return NotFound("account '" + name + "'");
      return ReadAccount(r);
    });
  }

  Result<std::int64_t> CountAccounts() override {
    return pool_.Run([&](PgConnection& db) -> Result<std::int64_t> {
      return db.Query("SELECT COUNT(*) FROM accounts").Int(0, 0);
    });
  }

  Result<TokenInfo> CreateToken(std::int64_t account_id, const std::string& name,
                                const std::string& token_hash, const std::string& prefix) override {
    return pool_.Run([&](PgConnection& db) -> Result<TokenInfo> {
      TokenInfo t{0, account_id, name, prefix, NowMs(), false};
      auto r = db.Query(
          "INSERT INTO api_tokens(account_id, name, token_hash, prefix, created_at) "
          "VALUES($1, $2, $3, $4, $5) RETURNING id",
          PgParams().Add(account_id).Add(name).Add(token_hash).Add(prefix).Add(t.created_at_ms));
      t.id = r.Int(0, 0);
      return t;
    });
  }

  Result<Principal> Authenticate(const std::string& token_hash) override {
    return pool_.Run([&](PgConnection& db) -> Result<Principal> {
      // The lookup is by the hash (an index probe); the hash is then compared again in constant
      // time so the answer never depends on how much of a guess matched.
      auto r = db.Query(
          "SELECT a.id, a.name, a.email, a.plan, a.created_at, t.id, t.token_hash "
          "FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
          "WHERE t.token_hash = $1 AND t.revoked_at = 0",
          PgParams().Add(token_hash));
      if (r.empty() || !ConstantTimeEquals(r.Text(0, 6), token_hash)) return NotFound("token");
      Principal principal;
      principal.account = ReadAccount(r);
      principal.token_id = r.Int(0, 5);
      return principal;
    });
  }

  Result<int> RevokeTokens(const std::string& prefix_or_hash, std::int64_t account_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<int> {
      return db
          .Query(
              "UPDATE api_tokens SET revoked_at = $1 "
              "WHERE revoked_at = 0 AND (prefix = $2 OR token_hash = $2) "
              "AND ($3 = 0 OR account_id = $3)",
              PgParams().Add(NowMs()).Add(prefix_or_hash).Add(account_id))
          .affected();
    });
  }

  Result<std::vector<TokenInfo>> ListTokens(std::int64_t account_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<TokenInfo>> {
      auto r = db.Query(
          "SELECT id, account_id, name, prefix, created_at, revoked_at FROM api_tokens "
          "WHERE account_id = $1 ORDER BY id",
          PgParams().Add(account_id));
      std::vector<TokenInfo> out;
      for (int i = 0; i < r.rows(); ++i) {
        out.push_back(
            {r.Int(i, 0), r.Int(i, 1), r.Text(i, 2), r.Text(i, 3), r.Int(i, 4), r.Int(i, 5) != 0});
      }
      return out;
    });
  }

  Result<Job> CreateJob(const NewJob& job, const std::string& public_id_prefix,
                        std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<Job> {
      PgTransaction tx(db);
      PgParams values;
      values.Add(job.account_id).Add(ToString(job.surface)).Add(job.title).Add(job.description);
      values.Add(job.leniency_level).Add(now_ms).Add(static_cast<int>(job.resumes.size()));
      values.Add(job.webhook_url).Add(job.webhook_conditions_json).Add(job.options_json);
      const bool held = !job.claimed_by.empty();
      values.Add(held ? "processing" : "queued").Add(job.claimed_by).Add(held ? now_ms : 0);
      auto inserted = db.Query(
          "INSERT INTO jobs(account_id, surface, title, description, leniency, status, "
          "created_at, candidate_count, webhook_url, webhook_conditions, options, claimed_by, "
          "heartbeat_at, started_at) "
          "VALUES($1, $2, $3, $4, $5, $11, $6, $7, $8, $9, $10, $12, $13, $13) RETURNING id",
          values);
      const std::int64_t id = inserted.Int(0, 0);
      const std::string public_id = public_id_prefix.empty()
                                        ? std::to_string(id)
                                        : public_id_prefix + std::to_string(id) + RandomHex(4);
      static const std::string kUpdate =
          std::string("UPDATE jobs SET public_id = $1 WHERE id = $2 RETURNING ") + kJobColumns;
      auto row = db.Query(kUpdate, PgParams().Add(public_id).Add(id));
      InsertRows(db,
                 "INSERT INTO job_resumes(job_id, idx, filename, external_id, content, base64, "
                 "file_url)",
                 kResumeTypes, 7, "", job.resumes.size(), [&](PgParams& p, std::size_t i) {
                   const ResumeInput& r = job.resumes[i];
                   p.Add(id).Add(static_cast<int>(i)).Add(r.filename).Add(r.external_id);
                   p.Add(r.content).Add(r.base64).Add(r.file_url);
                 });
      tx.Commit();
      return ReadJob(row);
    });
  }

  Result<Job> GetJob(std::int64_t account_id, std::int64_t job_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<Job> {
      static const std::string kSql =
          Select(kJobColumns, "FROM jobs WHERE id = $1 AND account_id = $2");
      auto r = db.Query(kSql, PgParams().Add(job_id).Add(account_id));
      if (r.empty()) return NotFound("job " + std::to_string(job_id));
      return ReadJob(r);
    });
  }

  Result<Job> GetJobByPublicId(std::int64_t account_id, const std::string& public_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<Job> {
      static const std::string kSql =
          Select(kJobColumns, "FROM jobs WHERE public_id = $1 AND account_id = $2");
      auto r = db.Query(kSql, PgParams().Add(public_id).Add(account_id));
      if (r.empty()) return NotFound("job " + public_id);
      return ReadJob(r);
    });
  }

  Result<std::vector<Job>> ListJobs(std::int64_t account_id, const JobFilter& filter,
                                    int* total) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<Job>> {
      // Optional filters are written as "$n = '' OR col = $n" so one prepared statement serves
      // all.
      static const std::string kWhere =
          "FROM jobs WHERE account_id = $1 AND ($2::text = '' OR status = $2::text) "
          "AND ($3::text = '' OR surface = $3::text) AND created_at > $4::bigint";
      static const std::string kCount = "SELECT COUNT(*) " + kWhere;
      static const std::string kPage =
          Select(kJobColumns, kWhere + " ORDER BY id DESC LIMIT $5::bigint OFFSET $6::bigint");
      PgParams params;
      params.Add(account_id)
          .Add(filter.status ? ToString(*filter.status) : std::string_view())
          .Add(filter.surface ? ToString(*filter.surface) : std::string_view())
          .Add(filter.created_after_ms);
      auto count = db.Query(kCount, params);
      if (total) *total = static_cast<int>(count.Int(0, 0));
      params.Add(filter.limit).Add(filter.offset);
      auto r = db.Query(kPage, params);
      std::vector<Job> out;
      for (int i = 0; i < r.rows(); ++i) out.push_back(ReadJob(r, i));
      return out;
    });
  }

  Result<Job> CancelJob(std::int64_t account_id, std::int64_t job_id,
                        std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<Job> {
      PgTransaction tx(db);
      // The row lock orders this cancel with a concurrent SaveCandidates or FinishJob.
      auto r = db.Query("SELECT status FROM jobs WHERE id = $1 AND account_id = $2 FOR UPDATE",
                        PgParams().Add(job_id).Add(account_id));
      if (r.empty()) return NotFound("job " + std::to_string(job_id));
      JobStatus status = ParseJobStatus(r.Text(0, 0)).value_or(JobStatus::kFailed);
      if (IsFinal(status)) {
        return Error::Make("conflict", "job " + std::to_string(job_id) + " is already " +
                                           std::string(ToString(status)) +
                                           " and cannot be cancelled");
      }
      static const std::string kCancel =
          std::string(
              "UPDATE jobs SET status = 'cancelled', completed_at = $1, claimed_by = '' "
              "WHERE id = $2 RETURNING ") +
          kJobColumns;
      auto row = db.Query(kCancel, PgParams().Add(now_ms).Add(job_id));
      tx.Commit();
      return ReadJob(row);
    });
  }

  Result<std::vector<CandidateRecord>> ListCandidates(std::int64_t job_id,
                                                      const CandidateFilter& filter,
                                                      int* total) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<CandidateRecord>> {
      // only_top_n applies before min_score: "the top N, of those the ones above min_score".
      // LIMIT NULL is no limit.
      static const std::string kRanked =
          std::string("(SELECT * FROM (SELECT ") + kCandidateColumns +
          " FROM candidates WHERE job_id = $1 ORDER BY score DESC, raw_score DESC, idx ASC"
          " LIMIT $2::bigint) top"
          " WHERE score >= $3::int) ranked";
      static const std::string kCount = "SELECT COUNT(*) FROM " + kRanked;
      static const std::string kPage = Select(
          kCandidateColumns,
          "FROM " + kRanked +
              " ORDER BY score DESC, raw_score DESC, idx ASC LIMIT $4::bigint OFFSET $5::bigint");
      PgParams params;
      params.Add(job_id);
      AddOptional(params,
                  filter.only_top_n > 0 ? std::optional<int>(filter.only_top_n) : std::nullopt);
      params.Add(filter.min_score);
      auto count = db.Query(kCount, params);
      if (total) *total = static_cast<int>(count.Int(0, 0));
      params.Add(filter.limit).Add(filter.offset);
      auto r = db.Query(kPage, params);
      std::vector<CandidateRecord> out;
      for (int i = 0; i < r.rows(); ++i) out.push_back(ReadCandidate(r, i));
      return out;
    });
  }

  Result<CandidateRecord> GetCandidate(std::int64_t job_id, int index) override {
    return pool_.Run([&](PgConnection& db) -> Result<CandidateRecord> {
      static const std::string kSql =
          Select(kCandidateColumns, "FROM candidates WHERE job_id = $1 AND idx = $2");
      auto r = db.Query(kSql, PgParams().Add(job_id).Add(index));
      if (r.empty()) return NotFound("candidate " + std::to_string(index + 1));
      return ReadCandidate(r);
    });
  }

  Result<JobSummary> Summarize(std::int64_t job_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<JobSummary> {
      auto r = db.Query(
          "SELECT COUNT(*), COUNT(*) FILTER (WHERE qualified), COALESCE(MAX(score), 0), "
          "COALESCE(AVG(score), 0), COUNT(*) FILTER (WHERE error_code <> '') FROM candidates "
          "WHERE job_id = $1",
          PgParams().Add(job_id));
      JobSummary summary;
      summary.total_candidates = static_cast<int>(r.Int(0, 0));
      summary.qualified_count = static_cast<int>(r.Int(0, 1));
      summary.top_score = static_cast<int>(r.Int(0, 2));
      summary.average_score = r.Double(0, 3);
      summary.unreadable_count = static_cast<int>(r.Int(0, 4));
      return summary;
    });
  }

  Result<CandidateRecord> UpdateCandidate(std::int64_t job_id, int index,
                                          const std::optional<std::string>& status,
                                          const std::optional<std::string>& user_notes) override {
    return pool_.Run([&](PgConnection& db) -> Result<CandidateRecord> {
      static const std::string kSql =
          std::string(
              "UPDATE candidates SET status = COALESCE($1::text, status), "
              "user_notes = COALESCE($2::text, user_notes) WHERE job_id = $3 AND idx = $4 "
              "RETURNING ") +
          kCandidateColumns;
      PgParams params;
      AddOptional(params, status);
      AddOptional(params, user_notes);
      auto r = db.Query(kSql, params.Add(job_id).Add(index));
      if (r.empty()) return NotFound("candidate " + std::to_string(index + 1));
      return ReadCandidate(r);
    });
  }

  Status RecordOutcome(std::int64_t account_id, std::int64_t job_id, int index,
                       const std::string& outcome, std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      db.Query(
          "INSERT INTO outcomes(account_id, job_id, idx, outcome, recorded_at) "
          "VALUES($1, $2, $3, $4, $5) ON CONFLICT (job_id, idx) DO UPDATE SET "
          "outcome = excluded.outcome, recorded_at = excluded.recorded_at",
          PgParams().Add(account_id).Add(job_id).Add(index).Add(outcome).Add(now_ms));
      return OkStatus();
    });
  }

  Result<std::vector<OutcomeRecord>> ListOutcomes(std::int64_t account_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<OutcomeRecord>> {
      auto r = db.Query(
          "SELECT o.job_id, o.idx, o.outcome, c.analysis, o.recorded_at FROM outcomes o "
          "JOIN candidates c ON c.job_id = o.job_id AND c.idx = o.idx "
          "WHERE o.account_id = $1 ORDER BY o.recorded_at, o.job_id, o.idx",
          PgParams().Add(account_id));
      std::vector<OutcomeRecord> out;
      for (int i = 0; i < r.rows(); ++i) {
        out.push_back(
            {r.Int(i, 0), static_cast<int>(r.Int(i, 1)), r.Text(i, 2), r.Text(i, 3), r.Int(i, 4)});
      }
      return out;
    });
  }

  Result<std::optional<Job>> ClaimNextJob(const std::string& worker_id,
                                          std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::optional<Job>> {
      // SKIP LOCKED: a row another claimer has locked is passed over, not waited for, so
      // concurrent claimers (in any process) take different jobs. The inner SELECT re-checks
      // status = 'queued' on the locked row's newest version, so a job is claimed once.
      static const std::string kSql =
          std::string(
              "UPDATE jobs SET status = 'processing', claimed_by = $1, heartbeat_at = $2::bigint, "
              "started_at = CASE WHEN started_at = 0 THEN $2::bigint ELSE started_at END "
              "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id "
              "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING ") +
          kJobColumns;
      auto r = db.Query(kSql, PgParams().Add(worker_id).Add(now_ms));
      if (r.empty()) return std::optional<Job>();
      return std::optional<Job>(ReadJob(r));
    });
  }

  Status HeartbeatJobs(const std::vector<JobClaim>& claims, std::int64_t now_ms) override {
    if (claims.empty()) return OkStatus();
    return pool_.Run([&](PgConnection& db) -> Status {
      // A statement per claim (a process holds one job per worker thread, a handful), each
      // renewing only a job its own worker still holds; autocommitted one by one, so no
      // transaction holds several job rows at once.
      for (const JobClaim& claim : claims) {
        db.Query(
            "UPDATE jobs SET heartbeat_at = $1 "
            "WHERE id = $2 AND status = 'processing' AND claimed_by = $3",
            PgParams().Add(now_ms).Add(claim.job_id).Add(claim.worker_id));
      }
      return OkStatus();
    });
  }

  Result<int> RequeueStaleJobs(std::int64_t stale_before_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<int> {
      return db
          .Query(
              "UPDATE jobs SET status = 'queued', claimed_by = '' "
              "WHERE status = 'processing' AND heartbeat_at < $1",
              PgParams().Add(stale_before_ms))
          .affected();
    });
  }

  Result<std::vector<ResumeInput>> LoadResumes(std::int64_t job_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<ResumeInput>> {
      auto r = db.Query(
          "SELECT filename, external_id, content, base64, file_url FROM job_resumes "
          "WHERE job_id = $1 ORDER BY idx",
          PgParams().Add(job_id));
      std::vector<ResumeInput> out;
      for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4)});
      }
      return out;
    });
  }

  Result<std::vector<int>> DoneIndices(std::int64_t job_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<int>> {
      auto r = db.Query("SELECT idx FROM candidates WHERE job_id = $1 ORDER BY idx",
                        PgParams().Add(job_id));
      std::vector<int> out;
      for (int i = 0; i < r.rows(); ++i) out.push_back(static_cast<int>(r.Int(i, 0)));
      return out;
    });
  }

  Status SaveCandidates(std::int64_t job_id, const std::vector<CandidateRecord>& batch) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      PgTransaction tx(db);
      // The job row's lock serialises this batch with a cancel, a finish and another worker's
      // replay of the same batch (a job reclaimed after its lease ran out).
      auto job =
          db.Query("SELECT status FROM jobs WHERE id = $1 FOR UPDATE", PgParams().Add(job_id));
      if (!job.empty()) {
        // A job cancelled meanwhile keeps what was screened before the cancel and no more: its
        // refund counted the rest as unscreened. A completed or failed job is final too: a late
        // batch from a worker whose lease ran out must not change it.
        auto status = ParseJobStatus(job.Text(0, 0));
        if (status && IsFinal(*status)) return OkStatus();
      }
      static const std::string kHead =
          std::string("INSERT INTO candidates(") + kCandidateColumns + ")";
      const int written = InsertRows(
          db, kHead, kCandidateTypes, 17, "ON CONFLICT (job_id, idx) DO NOTHING", batch.size(),
          [&](PgParams& p, std::size_t i) {
            const CandidateRecord& c = batch[i];
            p.Add(job_id).Add(c.index).Add(c.filename).Add(c.external_id);
            p.Add(c.name).Add(c.email).Add(c.phone).Add(c.linkedin_url);
            p.Add(c.score).Add(c.qualified).Add(c.status).Add(c.user_notes);
            p.Add(c.analysis_json).Add(c.error_code).Add(c.error_message).Add(c.processed_at_ms);
            p.Add(c.raw_score);
          });
      db.Query("UPDATE jobs SET processed_count = processed_count + $1 WHERE id = $2",
               PgParams().Add(written).Add(job_id));
      tx.Commit();
      return OkStatus();
    });
  }

  Result<bool> FinishJob(const JobClaim& claim, JobStatus status, const std::string& error,
                         std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<bool> {
      // One statement: the row lock and the re-check of status and holder after a concurrent
      // cancel or reclaim keep a cancelled job cancelled and a reclaimed one its new worker's.
      return db.Query(
                   "UPDATE jobs SET status = $1, error = $2, completed_at = $3, claimed_by = '' "
                   "WHERE id = $4 AND status = 'processing' AND claimed_by = $5",
                   PgParams()
                       .Add(ToString(status))
                       .Add(error)
                       .Add(now_ms)
                       .Add(claim.job_id)
                       .Add(claim.worker_id))
                 .affected() > 0;
    });
  }

  Status ReleaseJob(const JobClaim& claim) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      db.Query(
          "UPDATE jobs SET status = 'queued', claimed_by = '' "
          "WHERE id = $1 AND status = 'processing' AND claimed_by = $2",
          PgParams().Add(claim.job_id).Add(claim.worker_id));
      return OkStatus();
    });
  }

  // Other processes' jobs are live; a dead process's jobs come back by RequeueStaleJobs.
  Result<int> RequeueOrphanedJobs() override { return 0; }

  Result<std::int64_t> PendingResumeCount() override {
    return pool_.Run([&](PgConnection& db) -> Result<std::int64_t> {
      return db
          .Query(
              "SELECT COALESCE(SUM(candidate_count - processed_count), 0) FROM jobs "
              "WHERE status IN ('queued', 'processing')")
          .Int(0, 0);
    });
  }

  Result<std::pair<Job, JobSummary>> GetJobWithSummary(std::int64_t account_id,
                                                       std::int64_t job_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::pair<Job, JobSummary>> {
      // One statement instead of two: the status endpoint is the most polled of all.
      static const std::string kSql = Select(
          kJobColumns,
          ", s.n, s.qualified, s.top, s.average FROM jobs CROSS JOIN LATERAL ("
          "SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE c.qualified) AS qualified, "
          "COALESCE(MAX(c.score), 0) AS top, COALESCE(AVG(c.score), 0) AS average "
          "FROM candidates c WHERE c.job_id = jobs.id) s WHERE jobs.id = $1 AND account_id = $2");
      auto r = db.Query(kSql, PgParams().Add(job_id).Add(account_id));
      if (r.empty()) return NotFound("job " + std::to_string(job_id));
      JobSummary summary;
      summary.total_candidates = static_cast<int>(r.Int(0, 17));
      summary.qualified_count = static_cast<int>(r.Int(0, 18));
      summary.top_score = static_cast<int>(r.Int(0, 19));
      summary.average_score = r.Double(0, 20);
      return std::make_pair(ReadJob(r), summary);
    });
  }

 private:
  static std::int64_t NowMs() { return SystemClock().NowMillis(); }

  PgPool pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  try {
    return std::unique_ptr<Store>(std::make_unique<PgStore>(url));
  } catch (const PgError& e) {
    return Error::Make("storage", e.what());
  }
}

}  // namespace shortlist::store
