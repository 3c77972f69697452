// SQLite implementation of Store.
//
// Concurrency: SQLite connections are not shared between threads; a small pool hands each call
// its own connection (WAL lets readers run beside the one writer). Writes take the database
// write lock up front (BEGIN IMMEDIATE), so the CLI and the server can write the same file.
// Durability: synchronous=FULL, so an answered 202 means the job is on disk.
#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "common/clock.h"
#include "common/crypto.h"
#include "store/credential_epoch.h"
#include "store/sqlite_db.h"
#include "store/sqlite_pool.h"
#include "store/sqlite_schema.h"
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

JobSurface ParseSurface(const std::string& s) {
  if (s == "evaluate") return JobSurface::kEvaluate;
  if (s == "bulk_screen") return JobSurface::kBulkScreen;
  return JobSurface::kJobs;
}

Job ReadJob(const SqliteStmt& st) {
  Job j;
  j.id = st.Int(0);
  j.account_id = st.Int(1);
  j.surface = ParseSurface(st.Text(2));
  j.public_id = st.Text(3);
  j.title = st.Text(4);
  j.description = st.Text(5);
  j.leniency_level = static_cast<int>(st.Int(6));
  j.status = ParseJobStatus(st.Text(7)).value_or(JobStatus::kFailed);
  j.created_at_ms = st.Int(8);
  j.started_at_ms = st.Int(9);
  j.completed_at_ms = st.Int(10);
  j.candidate_count = static_cast<int>(st.Int(11));
  j.processed_count = static_cast<int>(st.Int(12));
  j.error = st.Text(13);
  j.webhook_url = st.Text(14);
  j.webhook_conditions_json = st.Text(15);
  j.options_json = st.Text(16);
  return j;
}

CandidateRecord ReadCandidate(const SqliteStmt& st) {
  CandidateRecord c;
  c.job_id = st.Int(0);
  c.index = static_cast<int>(st.Int(1));
  c.filename = st.Text(2);
  c.external_id = st.Text(3);
  c.name = st.Text(4);
  c.email = st.Text(5);
  c.phone = st.Text(6);
  c.linkedin_url = st.Text(7);
  c.score = static_cast<int>(st.Int(8));
  c.qualified = st.Int(9) != 0;
  c.status = st.Text(10);
  c.user_notes = st.Text(11);
  c.analysis_json = st.Text(12);
  c.error_code = st.Text(13);
  c.error_message = st.Text(14);
  c.processed_at_ms = st.Int(15);
  c.raw_score = st.Double(16);
  return c;
}

Account ReadAccount(const SqliteStmt& st, int first = 0) {
  Account a;
  a.id = st.Int(first);
  a.name = st.Text(first + 1);
  a.email = st.Text(first + 2);
  a.plan = ParsePlan(st.Text(first + 3)).value_or(Plan::kStandard);
  a.created_at_ms = st.Int(first + 4);
  return a;
}

Error NotFound(const std::string& what) { return Error::Make("not_found", what + " not found"); }

class SqliteStore : public Store {
 public:
  SqliteStore(std::string path, std::unique_ptr<CredentialEpoch> epoch)
      : pool_(std::move(path), kSchema), epoch_(std::move(epoch)) {
    // Added with the multi-process queue (PostgreSQL); SQLite keeps it for the same semantics.
    Status migrated = pool_.Run([](SqliteDb& db) -> Status {
      AddColumnIfMissing(db, "jobs", "heartbeat_at", "INTEGER NOT NULL DEFAULT 0");
      // Candidates rank by the unrounded score within equal scores (older rows read 0 and keep
      // upload order among themselves). The index is made here, after the column exists.
      AddColumnIfMissing(db, "candidates", "raw_score", "REAL NOT NULL DEFAULT 0");
      db.Exec("DROP INDEX IF EXISTS candidates_by_score");
      db.Exec(
          "CREATE INDEX IF NOT EXISTS candidates_by_rank ON candidates(job_id, score DESC, "
          "raw_score DESC, idx)");
      return OkStatus();
    });
    if (!migrated.ok()) throw SqliteError(migrated.error().message, SQLITE_ERROR);
  }

  Result<Account> CreateAccount(const std::string& name, const std::string& email,
                                Plan plan) override {
    return Run([&](SqliteDb& db) -> Result<Account> {
      SqliteTransaction tx(db);
      {
        auto exists = db.Prepare("SELECT 1 FROM accounts WHERE name = ?");
        exists.Bind(1, name);
        if (exists.Step()) {
          return Error::Make("conflict", "an account named '" + name + "' already exists",
                             "account");
        }
      }
      Account a{0, name, email, plan, NowMs()};
      auto st =
          db.Prepare("INSERT INTO accounts(name, email, plan, created_at) VALUES(?, ?, ?, ?)");
      st.Bind(1, name).Bind(2, email).Bind(3, ToString(plan)).Bind(4, a.created_at_ms).Run();
      a.id = db.LastInsertId();
      tx.Commit();
      return a;
    });
  }

  Result<Account> FindAccountByName(const std::string& name) override {
    return Run([&](SqliteDb& db) -> Result<Account> {
      auto st = db.Prepare("SELECT id, name, email, plan, created_at FROM accounts WHERE name = ?");
      st.Bind(1, name);
      if (!st.Step()) return NotFound("account '" + name + "'");
      return ReadAccount(st);
    });
  }

  Result<std::int64_t> CountAccounts() override {
    return Run([&](SqliteDb& db) -> Result<std::int64_t> {
      auto st = db.Prepare("SELECT COUNT(*) FROM accounts");
      st.Step();
      return st.Int(0);
    });
  }

  Result<TokenInfo> CreateToken(std::int64_t account_id, const std::string& name,
                                const std::string& token_hash, const std::string& prefix) override {
    return Run([&](SqliteDb& db) -> Result<TokenInfo> {
      TokenInfo t{0, account_id, name, prefix, NowMs(), false};
      auto st = db.Prepare(
          "INSERT INTO api_tokens(account_id, name, token_hash, prefix, created_at) "
          "VALUES(?, ?, ?, ?, ?)");
      st.Bind(1, account_id).Bind(2, name).Bind(3, token_hash).Bind(4, prefix);
      st.Bind(5, t.created_at_ms).Run();
      t.id = db.LastInsertId();
      return t;
    });
  }

  Result<Principal> Authenticate(const std::string& token_hash) override {
    // Every API request lands here. A token seen before is answered from memory unless a
    // credential was revoked since (in any process: see credential_epoch.h). The epoch is read
    // before the database, so a revoke racing this lookup still empties the cache next time.
    const std::uint64_t epoch = epoch_->Load();
    {
      std::shared_lock<std::shared_mutex> lock(auth_mu_);
      auto it = auth_cache_.find(token_hash);
      if (it != auth_cache_.end() && it->second.epoch == epoch) return it->second.principal;
    }
    auto found = LookUpToken(token_hash);
    if (found.ok()) {
      std::unique_lock<std::shared_mutex> lock(auth_mu_);
      if (auth_cache_.size() >= kMaxCachedTokens) auth_cache_.clear();
      auth_cache_[token_hash] = CachedPrincipal{*found, epoch};
    }
    return found;
  }

  Result<Principal> LookUpToken(const std::string& token_hash) {
    return Run([&](SqliteDb& db) -> Result<Principal> {
      // The lookup is by the hash (an index probe); the hash is then compared again in constant
      // time so the answer never depends on how much of a guess matched.
      auto st = db.Prepare(
          "SELECT a.id, a.name, a.email, a.plan, a.created_at, t.id, t.token_hash "
          "FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
          "WHERE t.token_hash = ? AND t.revoked_at = 0");
      st.Bind(1, token_hash);
      if (!st.Step() || !ConstantTimeEquals(st.Text(6), token_hash)) return NotFound("token");
      Principal principal;
      principal.account = ReadAccount(st);
      principal.token_id = st.Int(5);
      return principal;
    });
  }

  Result<int> RevokeTokens(const std::string& prefix_or_hash, std::int64_t account_id) override {
    return Run([&](SqliteDb& db) -> Result<int> {
      auto st = db.Prepare(
          "UPDATE api_tokens SET revoked_at = ? "
          "WHERE revoked_at = 0 AND (prefix = ? OR token_hash = ?) AND (? = 0 OR account_id = ?)");
      st.Bind(1, NowMs())
          .Bind(2, prefix_or_hash)
          .Bind(3, prefix_or_hash)
          .Bind(4, account_id)
          .Bind(5, account_id)
          .Run();
      int revoked = db.Changes();
      if (revoked > 0) epoch_->Bump();  // after the commit (autocommit statement)
      return revoked;
    });
  }

  Result<std::vector<TokenInfo>> ListTokens(std::int64_t account_id) override {
    return Run([&](SqliteDb& db) -> Result<std::vector<TokenInfo>> {
      auto st = db.Prepare(
          "SELECT id, account_id, name, prefix, created_at, revoked_at FROM api_tokens "
          "WHERE account_id = ? ORDER BY id");
      st.Bind(1, account_id);
      std::vector<TokenInfo> out;
      while (st.Step()) {
        out.push_back({st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Int(4), st.Int(5) != 0});
      }
      return out;
    });
  }

  Result<Job> CreateJob(const NewJob& job, const std::string& public_id_prefix,
                        std::int64_t now_ms) override {
    return Run([&](SqliteDb& db) -> Result<Job> {
      SqliteTransaction tx(db);
      auto st = db.Prepare(
          "INSERT INTO jobs(account_id, surface, title, description, leniency, status, "
          "created_at, candidate_count, webhook_url, webhook_conditions, options, claimed_by, "
          "heartbeat_at, started_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      const bool held = !job.claimed_by.empty();
      st.Bind(1, job.account_id).Bind(2, ToString(job.surface)).Bind(3, job.title);
      st.Bind(4, job.description).Bind(5, job.leniency_level);
      st.Bind(6, held ? "processing" : "queued").Bind(7, now_ms);
      st.Bind(8, static_cast<int>(job.resumes.size())).Bind(9, job.webhook_url);
      st.Bind(10, job.webhook_conditions_json).Bind(11, job.options_json);
      st.Bind(12, job.claimed_by).Bind(13, held ? now_ms : 0).Bind(14, held ? now_ms : 0).Run();
      std::int64_t id = db.LastInsertId();
      std::string public_id = public_id_prefix.empty()
                                  ? std::to_string(id)
                                  : public_id_prefix + std::to_string(id) + RandomHex(4);
      auto upd = db.Prepare("UPDATE jobs SET public_id = ? WHERE id = ?");
      upd.Bind(1, public_id).Bind(2, id).Run();
      for (std::size_t i = 0; i < job.resumes.size(); ++i) {
        const ResumeInput& r = job.resumes[i];
        auto ins = db.Prepare(
            "INSERT INTO job_resumes(job_id, idx, filename, external_id, content, base64, "
            "file_url) VALUES(?, ?, ?, ?, ?, ?, ?)");
        ins.Bind(1, id).Bind(2, static_cast<int>(i)).Bind(3, r.filename).Bind(4, r.external_id);
        ins.Bind(5, r.content).Bind(6, r.base64).Bind(7, r.file_url).Run();
      }
      tx.Commit();
      return LoadJob(db, id);
    });
  }

  Result<Job> GetJob(std::int64_t account_id, std::int64_t job_id) override {
    return Run([&](SqliteDb& db) -> Result<Job> {
      static const std::string kSql =
          std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ? AND account_id = ?";
      auto st = db.Prepare(kSql);
      st.Bind(1, job_id).Bind(2, account_id);
      if (!st.Step()) return NotFound("job " + std::to_string(job_id));
      return ReadJob(st);
    });
  }

  Result<Job> GetJobByPublicId(std::int64_t account_id, const std::string& public_id) override {
    return Run([&](SqliteDb& db) -> Result<Job> {
      auto st = db.Prepare(std::string("SELECT ") + kJobColumns +
                           " FROM jobs WHERE public_id = ? AND account_id = ?");
      st.Bind(1, public_id).Bind(2, account_id);
      if (!st.Step()) return NotFound("job " + public_id);
      return ReadJob(st);
    });
  }

  Result<std::vector<Job>> ListJobs(std::int64_t account_id, const JobFilter& filter,
                                    int* total) override {
    return Run([&](SqliteDb& db) -> Result<std::vector<Job>> {
      // Optional filters are written as "? = '' OR col = ?" so one cached statement serves all.
      std::string where =
          " FROM jobs WHERE account_id = ?1 AND (?2 = '' OR status = ?2) "
          "AND (?3 = '' OR surface = ?3) AND created_at > ?4";
      auto bind = [&](SqliteStmt& st) {
        st.Bind(1, account_id);
        st.Bind(2, filter.status ? ToString(*filter.status) : std::string_view());
        st.Bind(3, filter.surface ? ToString(*filter.surface) : std::string_view());
        st.Bind(4, filter.created_after_ms);
      };
      {
        auto count = db.Prepare("SELECT COUNT(*)" + where);
        bind(count);
        count.Step();
        if (total) *total = static_cast<int>(count.Int(0));
      }
      auto st = db.Prepare(std::string("SELECT ") + kJobColumns + where +
                           " ORDER BY id DESC LIMIT ?5 OFFSET ?6");
      bind(st);
      st.Bind(5, filter.limit).Bind(6, filter.offset);
      std::vector<Job> out;
      while (st.Step()) out.push_back(ReadJob(st));
      return out;
    });
  }

  Result<Job> CancelJob(std::int64_t account_id, std::int64_t job_id,
                        std::int64_t now_ms) override {
    return Run([&](SqliteDb& db) -> Result<Job> {
      SqliteTransaction tx(db);
      auto st = db.Prepare("SELECT status FROM jobs WHERE id = ? AND account_id = ?");
      st.Bind(1, job_id).Bind(2, account_id);
      if (!st.Step()) return NotFound("job " + std::to_string(job_id));
      JobStatus status = ParseJobStatus(st.Text(0)).value_or(JobStatus::kFailed);
      if (IsFinal(status)) {
        return Error::Make("conflict", "job " + std::to_string(job_id) + " is already " +
                                           std::string(ToString(status)) +
                                           " and cannot be cancelled");
      }
      auto upd = db.Prepare(
          "UPDATE jobs SET status = 'cancelled', completed_at = ?, claimed_by = '' WHERE id = ?");
      upd.Bind(1, now_ms).Bind(2, job_id).Run();
      tx.Commit();
      return LoadJob(db, job_id);
    });
  }

  Result<std::vector<CandidateRecord>> ListCandidates(std::int64_t job_id,
                                                      const CandidateFilter& filter,
                                                      int* total) override {
    return Run([&](SqliteDb& db) -> Result<std::vector<CandidateRecord>> {
      // only_top_n applies before min_score: "the top N, of those the ones above min_score".
      std::string ranked =
          "SELECT * FROM (SELECT * FROM candidates WHERE job_id = ?1 "
          "ORDER BY score DESC, raw_score DESC, idx ASC LIMIT ?2) WHERE score >= ?3";
      int top = filter.only_top_n > 0 ? filter.only_top_n : -1;
      {
        auto count = db.Prepare("SELECT COUNT(*) FROM (" + ranked + ")");
        count.Bind(1, job_id).Bind(2, top).Bind(3, filter.min_score);
        count.Step();
        if (total) *total = static_cast<int>(count.Int(0));
      }
      auto st = db.Prepare(std::string("SELECT ") + kCandidateColumns + " FROM (" + ranked +
                           ") ORDER BY score DESC, raw_score DESC, idx ASC LIMIT ?4 OFFSET ?5");
      st.Bind(1, job_id).Bind(2, top).Bind(3, filter.min_score);
      st.Bind(4, filter.limit).Bind(5, filter.offset);
      std::vector<CandidateRecord> out;
      while (st.Step()) out.push_back(ReadCandidate(st));
      return out;
    });
  }

  Result<CandidateRecord> GetCandidate(std::int64_t job_id, int index) override {
    return Run([&](SqliteDb& db) -> Result<CandidateRecord> {
      auto st = db.Prepare(std::string("SELECT ") + kCandidateColumns +
                           " FROM candidates WHERE job_id = ? AND idx = ?");
      st.Bind(1, job_id).Bind(2, index);
      if (!st.Step()) return NotFound("candidate " + std::to_string(index + 1));
      return ReadCandidate(st);
    });
  }

  Result<std::pair<Job, JobSummary>> GetJobWithSummary(std::int64_t account_id,
                                                       std::int64_t job_id) override {
    return Run([&](SqliteDb& db) -> Result<std::pair<Job, JobSummary>> {
      // One statement instead of two: the status endpoint is the most polled of all.
      static const std::string kSql =
          std::string("SELECT ") + kJobColumns +
          ", (SELECT COUNT(*) FROM candidates c WHERE c.job_id = jobs.id)"
          ", (SELECT COALESCE(SUM(qualified), 0) FROM candidates c WHERE c.job_id = jobs.id)"
          ", (SELECT COALESCE(MAX(score), 0) FROM candidates c WHERE c.job_id = jobs.id)"
          ", (SELECT COALESCE(AVG(score), 0) FROM candidates c WHERE c.job_id = jobs.id)"
          " FROM jobs WHERE id = ? AND account_id = ?";
      auto st = db.Prepare(kSql);
      st.Bind(1, job_id).Bind(2, account_id);
      if (!st.Step()) return NotFound("job " + std::to_string(job_id));
      JobSummary summary;
      summary.total_candidates = static_cast<int>(st.Int(17));
      summary.qualified_count = static_cast<int>(st.Int(18));
      summary.top_score = static_cast<int>(st.Int(19));
      summary.average_score = st.Double(20);
      return std::make_pair(ReadJob(st), summary);
    });
  }

  Result<JobSummary> Summarize(std::int64_t job_id) override {
    return Run([&](SqliteDb& db) -> Result<JobSummary> {
      auto st = db.Prepare(
          "SELECT COUNT(*), COALESCE(SUM(qualified), 0), COALESCE(MAX(score), 0), "
          "COALESCE(AVG(score), 0), COALESCE(SUM(error_code != ''), 0) FROM candidates "
          "WHERE job_id = ?");
      st.Bind(1, job_id);
      st.Step();
      JobSummary summary;
      summary.total_candidates = static_cast<int>(st.Int(0));
      summary.qualified_count = static_cast<int>(st.Int(1));
      summary.top_score = static_cast<int>(st.Int(2));
      summary.average_score = st.Double(3);
      summary.unreadable_count = static_cast<int>(st.Int(4));
      return summary;
    });
  }

  Result<CandidateRecord> UpdateCandidate(std::int64_t job_id, int index,
                                          const std::optional<std::string>& status,
                                          const std::optional<std::string>& user_notes) override {
    return Run([&](SqliteDb& db) -> Result<CandidateRecord> {
      SqliteTransaction tx(db);
      auto st = db.Prepare(
          "UPDATE candidates SET status = COALESCE(?, status), user_notes = COALESCE(?, "
          "user_notes) "
          "WHERE job_id = ? AND idx = ?");
      if (status)
        st.Bind(1, *status);
      else
        st.BindNull(1);
      if (user_notes)
        st.Bind(2, *user_notes);
      else
        st.BindNull(2);
      st.Bind(3, job_id).Bind(4, index).Run();
      if (db.Changes() == 0) return NotFound("candidate " + std::to_string(index + 1));
      tx.Commit();
      auto read = db.Prepare(std::string("SELECT ") + kCandidateColumns +
                             " FROM candidates WHERE job_id = ? AND idx = ?");
      read.Bind(1, job_id).Bind(2, index);
      read.Step();
      return ReadCandidate(read);
    });
  }

  Status RecordOutcome(std::int64_t account_id, std::int64_t job_id, int index,
                       const std::string& outcome, std::int64_t now_ms) override {
    return Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO outcomes(account_id, job_id, idx, outcome, recorded_at) "
          "VALUES(?, ?, ?, ?, ?) ON CONFLICT(job_id, idx) DO UPDATE SET "
          "outcome = excluded.outcome, recorded_at = excluded.recorded_at");
      st.Bind(1, account_id).Bind(2, job_id).Bind(3, index).Bind(4, outcome).Bind(5, now_ms).Run();
      return OkStatus();
    });
  }

  Result<std::vector<OutcomeRecord>> ListOutcomes(std::int64_t account_id) override {
    return Run([&](SqliteDb& db) -> Result<std::vector<OutcomeRecord>> {
      auto st = db.Prepare(
          "SELECT o.job_id, o.idx, o.outcome, c.analysis, o.recorded_at FROM outcomes o "
          "JOIN candidates c ON c.job_id = o.job_id AND c.idx = o.idx "
          "WHERE o.account_id = ? ORDER BY o.recorded_at, o.job_id, o.idx");
      st.Bind(1, account_id);
      std::vector<OutcomeRecord> out;
      while (st.Step()) {
        out.push_back({st.Int(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3), st.Int(4)});
      }
      return out;
    });
  }

  Result<std::optional<Job>> ClaimNextJob(const std::string& worker_id,
                                          std::int64_t now_ms) override {
    return Run([&](SqliteDb& db) -> Result<std::optional<Job>> {
      SqliteTransaction tx(db);
      auto st = db.Prepare("SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1");
      if (!st.Step()) return std::optional<Job>();
      std::int64_t id = st.Int(0);
      auto upd = db.Prepare(
          "UPDATE jobs SET status = 'processing', claimed_by = ?, heartbeat_at = ?, "
          "started_at = CASE WHEN started_at = 0 THEN ? ELSE started_at END WHERE id = ?");
      upd.Bind(1, worker_id).Bind(2, now_ms).Bind(3, now_ms).Bind(4, id).Run();
      tx.Commit();
      auto job = LoadJob(db, id);
      if (!job.ok()) return job.error();
      return std::optional<Job>(std::move(job).value());
    });
  }

  Result<std::vector<ResumeInput>> LoadResumes(std::int64_t job_id) override {
    return Run([&](SqliteDb& db) -> Result<std::vector<ResumeInput>> {
      auto st = db.Prepare(
          "SELECT filename, external_id, content, base64, file_url FROM job_resumes "
          "WHERE job_id = ? ORDER BY idx");
      st.Bind(1, job_id);
      std::vector<ResumeInput> out;
      while (st.Step()) {
        out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)});
      }
      return out;
    });
  }

  Result<std::vector<int>> DoneIndices(std::int64_t job_id) override {
    return Run([&](SqliteDb& db) -> Result<std::vector<int>> {
      auto st = db.Prepare("SELECT idx FROM candidates WHERE job_id = ? ORDER BY idx");
      st.Bind(1, job_id);
      std::vector<int> out;
      while (st.Step()) out.push_back(static_cast<int>(st.Int(0)));
      return out;
    });
  }

  Status SaveCandidates(std::int64_t job_id, const std::vector<CandidateRecord>& batch) override {
    return Run([&](SqliteDb& db) -> Status {
      SqliteTransaction tx(db);
      {
        // A job cancelled meanwhile keeps what was screened before the cancel and no more: its
        // refund counted the rest as unscreened. A finished job never changes either (a late
        // batch from a worker whose lease ran out is dropped).
        auto status = db.Prepare("SELECT status FROM jobs WHERE id = ?");
        status.Bind(1, job_id);
        if (status.Step()) {
          const std::string current = status.Text(0);
          if (current != ToString(JobStatus::kQueued) &&
              current != ToString(JobStatus::kProcessing)) {
            return OkStatus();
          }
        }
      }
      int written = 0;
      for (const CandidateRecord& c : batch) {
        auto st = db.Prepare(std::string("INSERT OR IGNORE INTO candidates(") + kCandidateColumns +
                             ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.Bind(1, job_id).Bind(2, c.index).Bind(3, c.filename).Bind(4, c.external_id);
        st.Bind(5, c.name).Bind(6, c.email).Bind(7, c.phone).Bind(8, c.linkedin_url);
        st.Bind(9, c.score).Bind(10, c.qualified ? 1 : 0).Bind(11, c.status);
        st.Bind(12, c.user_notes).Bind(13, c.analysis_json).Bind(14, c.error_code);
        st.Bind(15, c.error_message).Bind(16, c.processed_at_ms).Bind(17, c.raw_score).Run();
        written += db.Changes();
      }
      auto upd = db.Prepare("UPDATE jobs SET processed_count = processed_count + ? WHERE id = ?");
      upd.Bind(1, written).Bind(2, job_id).Run();
      tx.Commit();
      return OkStatus();
    });
  }

  Result<bool> FinishJob(const JobClaim& claim, JobStatus status, const std::string& error,
                         std::int64_t now_ms) override {
    return Run([&](SqliteDb& db) -> Result<bool> {
      auto st = db.Prepare(
          "UPDATE jobs SET status = ?, error = ?, completed_at = ?, claimed_by = '' "
          "WHERE id = ? AND status = 'processing' AND claimed_by = ?");
      st.Bind(1, ToString(status)).Bind(2, error).Bind(3, now_ms).Bind(4, claim.job_id);
      st.Bind(5, claim.worker_id).Run();
      return db.Changes() > 0;
    });
  }

  Status ReleaseJob(const JobClaim& claim) override {
    return Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "UPDATE jobs SET status = 'queued', claimed_by = '' "
          "WHERE id = ? AND status = 'processing' AND claimed_by = ?");
      st.Bind(1, claim.job_id).Bind(2, claim.worker_id).Run();
      return OkStatus();
    });
  }

  Status HeartbeatJobs(const std::vector<JobClaim>& claims, std::int64_t now_ms) override {
    if (claims.empty()) return OkStatus();
    return Run([&](SqliteDb& db) -> Status {
      SqliteTransaction tx(db);
      for (const JobClaim& claim : claims) {
        auto st = db.Prepare(
            "UPDATE jobs SET heartbeat_at = ? "
            "WHERE id = ? AND status = 'processing' AND claimed_by = ?");
        st.Bind(1, now_ms).Bind(2, claim.job_id).Bind(3, claim.worker_id).Run();
      }
      tx.Commit();
      return OkStatus();
    });
  }

  Result<int> RequeueStaleJobs(std::int64_t stale_before_ms) override {
    return Run([&](SqliteDb& db) -> Result<int> {
      auto st = db.Prepare(
          "UPDATE jobs SET status = 'queued', claimed_by = '' "
          "WHERE status = 'processing' AND heartbeat_at < ?");
      st.Bind(1, stale_before_ms).Run();
      return db.Changes();
    });
  }

  Result<int> RequeueOrphanedJobs() override {
    return Run([&](SqliteDb& db) -> Result<int> {
      auto st = db.Prepare(
          "UPDATE jobs SET status = 'queued', claimed_by = '' WHERE status = 'processing'");
      st.Run();
      return db.Changes();
    });
  }

  Result<std::int64_t> PendingResumeCount() override {
    return Run([&](SqliteDb& db) -> Result<std::int64_t> {
      auto st = db.Prepare(
          "SELECT COALESCE(SUM(candidate_count - processed_count), 0) FROM jobs "
          "WHERE status IN ('queued', 'processing')");
      st.Step();
      return st.Int(0);
    });
  }

 private:
  template <typename F>
  auto Run(F&& f) -> decltype(f(std::declval<SqliteDb&>())) {
    return pool_.Run(std::forward<F>(f));
  }

  static std::int64_t NowMs() { return SystemClock().NowMillis(); }

  Result<Job> LoadJob(SqliteDb& db, std::int64_t id) {
    auto st = db.Prepare(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?");
    st.Bind(1, id);
    if (!st.Step()) return NotFound("job " + std::to_string(id));
    return ReadJob(st);
  }

  static constexpr std::size_t kMaxCachedTokens = 100'000;
  struct CachedPrincipal {
    Principal principal;
    std::uint64_t epoch = 0;
  };

  SqlitePool pool_;
  std::unique_ptr<CredentialEpoch> epoch_;
  std::shared_mutex auth_mu_;
  std::unordered_map<std::string, CachedPrincipal> auth_cache_;  // GUARDED_BY(auth_mu_)
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  auto epoch = CredentialEpoch::Open(path + "-credentials");
  if (!epoch.ok()) return epoch.error();
  try {
    return std::unique_ptr<Store>(std::make_unique<SqliteStore>(path, std::move(epoch).value()));
  } catch (const SqliteError& e) {
    return Error::Make("storage", e.what());
  }
}

}  // namespace shortlist::store
