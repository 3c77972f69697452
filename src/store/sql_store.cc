// Store over store/sql.h: accounts and tokens, jobs, candidates and the durable queue, the same
// code on SQLite and PostgreSQL.
//
// Concurrency: a write that reads before it writes is one kWrite transaction that locks the job
// row first (SELECT ... FOR UPDATE; on SQLite the database's write lock), so a save, a cancel and
// a finish of one job apply one after another, whichever process sends them. Claiming takes the
// oldest queued row FOR UPDATE SKIP LOCKED: concurrent claimers (in any process) take different
// jobs without waiting on each other. A claim is a lease: its worker renews heartbeat_at
// (HeartbeatJobs) and any process requeues jobs whose lease ran out (RequeueStaleJobs).
//
// Tokens: on SQLite (one machine) a token seen before is answered from memory until any process
// there revokes a credential, which bumps a counter shared through a file beside the database
// (common/shared_counter.h) after its commit; on PostgreSQL (many machines) every request is one
// index probe, so a revoke is seen by every process at once.
#include <limits>
#include <unordered_map>
#include <utility>

#include "common/clock.h"
#include "common/crypto.h"
#include "store/tables.h"

namespace shortlist::store {

using model::Account;
using model::CandidateFilter;
using model::CandidateRecord;
using model::Job;
using model::JobClaim;
using model::JobFilter;
using model::JobStatus;
using model::JobSummary;
using model::Principal;
using model::TokenInfo;
using sql::Intent;
namespace {

#define SHORTLIST_JOB_COLUMNS                                                              \
  "id, account_id, surface, public_id, title, description, leniency, status, created_at, " \
  "started_at, completed_at, candidate_count, processed_count, error, webhook_url, "       \
  "webhook_conditions, options"
#define SHORTLIST_CANDIDATE_COLUMNS                                                          \
  "job_id, idx, filename, external_id, name, email, phone, linkedin_url, score, raw_score, " \
  "qualified, status, user_notes, analysis, error_code, error_message, processed_at"
#define SHORTLIST_RANKED_CANDIDATES                     \
  "(SELECT * FROM (SELECT " SHORTLIST_CANDIDATE_COLUMNS \
  " FROM candidates WHERE job_id = $1"                  \
  " ORDER BY score DESC, raw_score DESC, idx LIMIT $2) top WHERE score >= $3) ranked"

constexpr const char* kCreateAccount =
    "INSERT INTO accounts(name, email, plan, created_at) VALUES($1, $2, $3, $4) "
    "ON CONFLICT (name) DO NOTHING RETURNING id";
constexpr const char* kFindAccount =
    "SELECT id, name, email, plan, created_at FROM accounts WHERE name = $1";
constexpr const char* kCountAccounts = "SELECT COUNT(*) FROM accounts";
constexpr const char* kCreateToken =
    "INSERT INTO api_tokens(account_id, name, token_hash, prefix, created_at) "
    "VALUES($1, $2, $3, $4, $5) RETURNING id";
constexpr const char* kFindLiveToken =
    "SELECT a.id, a.name, a.email, a.plan, a.created_at, t.id, t.token_hash FROM api_tokens t "
    "JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1 AND t.revoked_at = 0";
constexpr const char* kRevokeTokens =
    "UPDATE api_tokens SET revoked_at = $1 WHERE revoked_at = 0 AND (prefix = $2 OR "
    "token_hash = $2) AND ($3 = 0 OR account_id = $3)";
constexpr const char* kListTokens =
    "SELECT id, account_id, name, prefix, created_at, revoked_at FROM api_tokens "
    "WHERE account_id = $1 ORDER BY id";

constexpr const char* kInsertJob =
    "INSERT INTO jobs(account_id, surface, title, description, leniency, status, created_at, "
    "candidate_count, webhook_url, webhook_conditions, options, claimed_by, heartbeat_at, "
    "started_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id";
constexpr const char* kSetPublicId =
    "UPDATE jobs SET public_id = $1 WHERE id = $2 RETURNING " SHORTLIST_JOB_COLUMNS;
constexpr const char* kInsertResumes =
    "INSERT INTO job_resumes(job_id, idx, filename, external_id, content, base64, file_url)";
constexpr const char* kResumeTypes[] = {"BIGINT", "INT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT"};
constexpr const char* kGetJob =
    "SELECT " SHORTLIST_JOB_COLUMNS " FROM jobs WHERE id = $1 AND account_id = $2";
constexpr const char* kGetJobByPublicId =
    "SELECT " SHORTLIST_JOB_COLUMNS " FROM jobs WHERE public_id = $1 AND account_id = $2";
// Optional filters are "$n = '' OR column = $n", so one prepared statement serves them all.
#define SHORTLIST_JOBS_WHERE                                                                  \
  " FROM jobs WHERE account_id = $1 AND (CAST($2 AS TEXT) = '' OR status = CAST($2 AS TEXT))" \
  " AND (CAST($3 AS TEXT) = '' OR surface = CAST($3 AS TEXT)) AND created_at > $4"
constexpr const char* kCountJobs = "SELECT COUNT(*)" SHORTLIST_JOBS_WHERE;
constexpr const char* kListJobs =
    "SELECT " SHORTLIST_JOB_COLUMNS SHORTLIST_JOBS_WHERE " ORDER BY id DESC LIMIT $5 OFFSET $6";
constexpr const char* kLockJob = "SELECT status FROM jobs WHERE id = $1 FOR UPDATE";
constexpr const char* kLockAccountJob =
    "SELECT status FROM jobs WHERE id = $1 AND account_id = $2 FOR UPDATE";
constexpr const char* kCancelJob =
    "UPDATE jobs SET status = 'cancelled', completed_at = $1, claimed_by = '' WHERE id = $2 "
    "RETURNING " SHORTLIST_JOB_COLUMNS;
// only_top_n applies before min_score: "the top N, of those the ones above min_score".
constexpr const char* kCountCandidates = "SELECT COUNT(*) FROM " SHORTLIST_RANKED_CANDIDATES;
constexpr const char* kListCandidates =
    "SELECT " SHORTLIST_CANDIDATE_COLUMNS " FROM " SHORTLIST_RANKED_CANDIDATES
    " ORDER BY score DESC, raw_score DESC, idx LIMIT $4 OFFSET $5";
constexpr const char* kGetCandidate =
    "SELECT " SHORTLIST_CANDIDATE_COLUMNS " FROM candidates WHERE job_id = $1 AND idx = $2";
// One statement instead of two: the status endpoint is the most polled of all.
constexpr const char* kJobWithSummary =
    "SELECT " SHORTLIST_JOB_COLUMNS
    ", s.n, s.qualified, s.top, s.average FROM jobs, (SELECT "
    "COUNT(*) AS n, COUNT(*) FILTER (WHERE qualified) AS qualified, COALESCE(MAX(score), 0) AS "
    "top, COALESCE(AVG(score), 0) AS average FROM candidates WHERE job_id = $1) s "
    "WHERE jobs.id = $1 AND jobs.account_id = $2";
constexpr const char* kSummarize =
    "SELECT COUNT(*), COUNT(*) FILTER (WHERE qualified), COALESCE(MAX(score), 0), "
    "COALESCE(AVG(score), 0), COUNT(*) FILTER (WHERE error_code <> '') FROM candidates "
    "WHERE job_id = $1";
constexpr const char* kUpdateCandidate =
    "UPDATE candidates SET status = COALESCE(CAST($1 AS TEXT), status), user_notes = "
    "COALESCE(CAST($2 AS TEXT), user_notes) WHERE job_id = $3 AND idx = $4 "
    "RETURNING " SHORTLIST_CANDIDATE_COLUMNS;
constexpr const char* kRecordOutcome =
    "INSERT INTO outcomes(account_id, job_id, idx, outcome, recorded_at) VALUES($1, $2, $3, $4, "
    "$5) ON CONFLICT (job_id, idx) DO UPDATE SET outcome = excluded.outcome, "
    "recorded_at = excluded.recorded_at";
// Joined with the account's own jobs: an outcome whose job or candidate is gone teaches nothing.
constexpr const char* kListOutcomes =
    "SELECT o.job_id, o.idx, o.outcome, c.analysis, o.recorded_at, j.title, j.description "
    "FROM outcomes o JOIN candidates c ON c.job_id = o.job_id AND c.idx = o.idx "
    "JOIN jobs j ON j.id = o.job_id AND j.account_id = o.account_id "
    "WHERE o.account_id = $1 ORDER BY o.recorded_at, o.job_id, o.idx";
// A checksum of which outcomes there are and what they say (the lengths of hired, rejected and
// withdrawn differ); a changed outcome also moves MAX(recorded_at).
constexpr const char* kOutcomesVersion =
    "SELECT COUNT(*), COALESCE(MAX(recorded_at), 0), COALESCE(SUM(job_id * 31 + idx * 7 + "
    "LENGTH(outcome)), 0) FROM outcomes WHERE account_id = $1";
constexpr const char* kGetOutcomeSettings =
    "SELECT outcome_weight, reset_at FROM outcome_settings WHERE account_id = $1";
constexpr const char* kSetOutcomeWeight =
    "INSERT INTO outcome_settings(account_id, outcome_weight) VALUES($1, $2) ON CONFLICT "
    "(account_id) DO UPDATE SET outcome_weight = excluded.outcome_weight";
constexpr const char* kResetOutcomeModel =
    "INSERT INTO outcome_settings(account_id, reset_at) VALUES($1, $2) ON CONFLICT "
    "(account_id) DO UPDATE SET reset_at = excluded.reset_at";

// SKIP LOCKED passes over a row another claimer has locked instead of waiting for it; the
// status = 'queued' test is made again on the locked row's newest version, so a job is claimed
// once.
constexpr const char* kClaimNextJob =
    "UPDATE jobs SET status = 'processing', claimed_by = $1, heartbeat_at = $2, started_at = "
    "CASE WHEN started_at = 0 THEN CAST($2 AS BIGINT) ELSE started_at END WHERE id = (SELECT id "
    "FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
    "RETURNING " SHORTLIST_JOB_COLUMNS;
constexpr const char* kLoadResumes =
    "SELECT filename, external_id, content, base64, file_url FROM job_resumes "
    "WHERE job_id = $1 ORDER BY idx";
constexpr const char* kDoneIndices = "SELECT idx FROM candidates WHERE job_id = $1 ORDER BY idx";
constexpr const char* kInsertCandidates = "INSERT INTO candidates(" SHORTLIST_CANDIDATE_COLUMNS ")";
constexpr const char* kCandidateTypes[] = {"BIGINT", "INT",  "TEXT", "TEXT",   "TEXT",    "TEXT",
                                           "TEXT",   "TEXT", "INT",  "FLOAT8", "BOOLEAN", "TEXT",
                                           "TEXT",   "TEXT", "TEXT", "TEXT",   "BIGINT"};
constexpr const char* kAddProcessed =
    "UPDATE jobs SET processed_count = processed_count + $1 WHERE id = $2";
// The re-check of status and holder keeps a cancelled job cancelled and a reclaimed one its new
// worker's.
constexpr const char* kFinishJob =
    "UPDATE jobs SET status = $1, error = $2, completed_at = $3, claimed_by = '' "
    "WHERE id = $4 AND status = 'processing' AND claimed_by = $5";
constexpr const char* kReleaseJob =
    "UPDATE jobs SET status = 'queued', claimed_by = '' "
    "WHERE id = $1 AND status = 'processing' AND claimed_by = $2";
constexpr const char* kHeartbeat =
    "UPDATE jobs SET heartbeat_at = $1 WHERE id = $2 AND status = 'processing' AND "
    "claimed_by = $3";
constexpr const char* kRequeueStale =
    "UPDATE jobs SET status = 'queued', claimed_by = '' WHERE status = 'processing' AND "
    "heartbeat_at < $1";
constexpr const char* kRequeueProcessing =
    "UPDATE jobs SET status = 'queued', claimed_by = '' WHERE status = 'processing'";
constexpr const char* kPendingResumes =
    "SELECT COALESCE(SUM(candidate_count - processed_count), 0) FROM jobs "
    "WHERE status IN ('queued', 'processing')";

model::JobSurface ParseSurface(const std::string& s) {
  if (s == "evaluate") return model::JobSurface::kEvaluate;
  if (s == "bulk_screen") return model::JobSurface::kBulkScreen;
  return model::JobSurface::kJobs;
}

// Readers of the columns above, in their order.
Job ReadJob(const sql::Rows& r) {
  auto i = [&](int col) { return static_cast<int>(r.Int(col)); };
  const auto surface = ParseSurface(r.Text(2));
  const auto status = model::ParseJobStatus(r.Text(7)).value_or(JobStatus::kFailed);
  return Job{r.Int(0), r.Int(1),   surface,    r.Text(3),  r.Text(4), r.Text(5),
             i(6),     status,     r.Int(8),   r.Int(9),   r.Int(10), i(11),
             i(12),    r.Text(13), r.Text(14), r.Text(15), r.Text(16)};
}

CandidateRecord ReadCandidate(const sql::Rows& r) {
  auto i = [&](int col) { return static_cast<int>(r.Int(col)); };
  return CandidateRecord{r.Int(0),   i(1),       r.Text(2),  r.Text(3),   r.Text(4),  r.Text(5),
                         r.Text(6),  r.Text(7),  i(8),       r.Double(9), r.Bool(10), r.Text(11),
                         r.Text(12), r.Text(13), r.Text(14), r.Text(15),  r.Int(16)};
}

Account ReadAccount(const sql::Rows& r) {
  return Account{r.Int(0), r.Text(1), r.Text(2),
                 model::ParsePlan(r.Text(3)).value_or(model::Plan::kStandard), r.Int(4)};
}

class SqlStore : public Store {
 public:
  SqlStore(std::shared_ptr<sql::Database> db, std::unique_ptr<SharedCounter> epoch,
           bool sole_server)
      : db_(std::move(db)), epoch_(std::move(epoch)), sole_server_(sole_server) {}

  Result<Account> CreateAccount(const std::string& name, const std::string& email,
                                model::Plan plan) override {
    // ON CONFLICT waits for a concurrent insert of the same name and then skips: two processes
    // creating one account get one row and one "conflict", never a storage error.
    return Read([&](Tx& tx) -> Result<Account> {
      Account a{0, name, email, plan, SystemClock().NowMillis()};
      a.id = tx.Int(kCreateAccount, {name, email, ToString(plan), a.created_at_ms});
      if (a.id == 0) {
        return Error::Make("conflict", "an account named '" + name + "' already exists", "account");
      }
      return a;
    });
  }

  Result<Account> FindAccountByName(const std::string& name) override {
    return db_->One(kFindAccount, {name}, ReadAccount, "account '" + name + "'");
  }

  Result<std::int64_t> CountAccounts() override {
    return Read([&](Tx& tx) -> Result<std::int64_t> { return tx.Int(kCountAccounts); });
  }

  Result<TokenInfo> CreateToken(std::int64_t account_id, const std::string& name,
                                const std::string& token_hash, const std::string& prefix) override {
    return Read([&](Tx& tx) -> Result<TokenInfo> {
      TokenInfo t{0, account_id, name, prefix, SystemClock().NowMillis(), false};
      t.id = tx.Int(kCreateToken, {account_id, name, token_hash, prefix, t.created_at_ms});
      return t;
    });
  }

  Result<Principal> Authenticate(const std::string& token_hash) override {
    if (!epoch_) return LookUpToken(token_hash);
    // The epoch is read before the database, so a revoke racing this lookup still empties the
    // cache next time.
    const std::uint64_t epoch = epoch_->Load();
    {
      ReaderLock lock(auth_mu_);
      auto it = auth_cache_.find(token_hash);
      if (it != auth_cache_.end() && it->second.epoch == epoch) return it->second.principal;
    }
    auto found = LookUpToken(token_hash);
    if (found.ok()) {
      WriterLock lock(auth_mu_);
      if (auth_cache_.size() >= kMaxCachedTokens) auth_cache_.clear();
      auth_cache_[token_hash] = CachedPrincipal{*found, epoch};
    }
    return found;
  }

  Result<int> RevokeTokens(const std::string& prefix_or_hash, std::int64_t account_id) override {
    auto revoked = Read([&](Tx& tx) -> Result<int> {
      return tx.Change(kRevokeTokens, {SystemClock().NowMillis(), prefix_or_hash, account_id});
    });
    if (revoked.ok() && *revoked > 0 && epoch_) epoch_->Bump();  // after the commit
    return revoked;
  }

  Result<std::vector<TokenInfo>> ListTokens(std::int64_t account_id) override {
    return db_->All(kListTokens, {account_id}, [](const sql::Rows& t) {
      return TokenInfo{t.Int(0), t.Int(1), t.Text(2), t.Text(3), t.Int(4), t.Int(5) != 0};
    });
  }

  Result<Job> CreateJob(const model::NewJob& job, const std::string& public_id_prefix,
                        std::int64_t now_ms) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) {
      const bool held = !job.claimed_by.empty();
      const std::int64_t id =
          tx.Int(kInsertJob, {job.account_id, ToString(job.surface), job.title, job.description,
                              job.leniency_level, held ? "processing" : "queued", now_ms,
                              static_cast<int>(job.resumes.size()), job.webhook_url,
                              job.webhook_conditions_json, job.options_json, job.claimed_by,
                              held ? now_ms : std::int64_t{0}});
      const std::string public_id = public_id_prefix.empty()
                                        ? std::to_string(id)
                                        : public_id_prefix + std::to_string(id) + RandomHex(4);
      auto created = sql::Found(tx.One(kSetPublicId, {public_id, id}, ReadJob), "job");
      sql::InsertRows(tx, kInsertResumes, kResumeTypes, "", job.resumes.size(),
                      [&](std::vector<sql::Value>& v, std::size_t i) {
                        const model::ResumeInput& r = job.resumes[i];
                        v.insert(v.end(), {id, static_cast<int>(i), r.filename, r.external_id,
                                           r.content, r.base64, r.file_url});
                      });
      return created;
    });
  }

  Result<Job> GetJob(std::int64_t account_id, std::int64_t job_id) override {
    return db_->One(kGetJob, {job_id, account_id}, ReadJob, "job " + std::to_string(job_id));
  }

  Result<Job> GetJobByPublicId(std::int64_t account_id, const std::string& public_id) override {
    return db_->One(kGetJobByPublicId, {public_id, account_id}, ReadJob, "job " + public_id);
  }

  Result<std::vector<Job>> ListJobs(std::int64_t account_id, const JobFilter& filter,
                                    int* total) override {
    const std::string_view status = filter.status ? ToString(*filter.status) : "";
    const std::string_view surface = filter.surface ? ToString(*filter.surface) : "";
    const sql::Value params[] = {account_id,   status,       surface, filter.created_after_ms,
                                 filter.limit, filter.offset};
    return Read([&](Tx& tx) {
      if (total) *total = static_cast<int>(tx.Int(kCountJobs, std::span(params, 4)));
      return Result(tx.All(kListJobs, params, ReadJob));
    });
  }

  Result<Job> CancelJob(std::int64_t account_id, std::int64_t job_id,
                        std::int64_t now_ms) override {
    const std::string what = "job " + std::to_string(job_id);
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Result<Job> {
      // The row lock orders this cancel with a concurrent SaveCandidates or FinishJob.
      auto status = sql::Found(tx.One(kLockAccountJob, {job_id, account_id}, ReadStatus), what);
      if (!status.ok()) return status.error();
      if (model::IsFinal(*status)) {
        return Error::Make("conflict", what + " is already " + std::string(ToString(*status)) +
                                           " and cannot be cancelled");
      }
      return sql::Found(tx.One(kCancelJob, {now_ms, job_id}, ReadJob), what);
    });
  }

  Result<std::vector<CandidateRecord>> ListCandidates(std::int64_t job_id,
                                                      const CandidateFilter& filter,
                                                      int* total) override {
    const std::int64_t top =
        filter.only_top_n > 0 ? filter.only_top_n : std::numeric_limits<std::int64_t>::max();
    const sql::Value params[] = {job_id, top, filter.min_score, filter.limit, filter.offset};
    return Read([&](Tx& tx) {
      if (total) *total = static_cast<int>(tx.Int(kCountCandidates, std::span(params, 3)));
      return Result(tx.All(kListCandidates, params, ReadCandidate));
    });
  }

  Result<CandidateRecord> GetCandidate(std::int64_t job_id, int index) override {
    return db_->One(kGetCandidate, {job_id, index}, ReadCandidate,
                    "candidate " + std::to_string(index + 1));
  }

  Result<std::pair<Job, JobSummary>> GetJobWithSummary(std::int64_t account_id,
                                                       std::int64_t job_id) override {
    auto read = [](const sql::Rows& r) {
      return std::make_pair(ReadJob(r),
                            JobSummary{static_cast<int>(r.Int(17)), static_cast<int>(r.Int(18)),
                                       static_cast<int>(r.Int(19)), r.Double(20), 0});
    };
    return db_->One(kJobWithSummary, {job_id, account_id}, read, "job " + std::to_string(job_id));
  }

  Result<JobSummary> Summarize(std::int64_t job_id) override {
    return Read([&](Tx& tx) -> Result<JobSummary> {
      auto r = tx.Query(kSummarize, {job_id});
      r->Next();
      return JobSummary{static_cast<int>(r->Int(0)), static_cast<int>(r->Int(1)),
                        static_cast<int>(r->Int(2)), r->Double(3), static_cast<int>(r->Int(4))};
    });
  }

  Result<CandidateRecord> UpdateCandidate(std::int64_t job_id, int index,
                                          const std::optional<std::string>& status,
                                          const std::optional<std::string>& user_notes) override {
    return db_->One(kUpdateCandidate, {status, user_notes, job_id, index}, ReadCandidate,
                    "candidate " + std::to_string(index + 1));
  }

  Status RecordOutcome(std::int64_t account_id, std::int64_t job_id, int index,
                       const std::string& outcome, std::int64_t now_ms) override {
    return db_->Write(kRecordOutcome, {account_id, job_id, index, outcome, now_ms});
  }

  Result<std::vector<model::OutcomeRecord>> ListOutcomes(std::int64_t account_id) override {
    return db_->All(kListOutcomes, {account_id}, [](const sql::Rows& o) {
      return model::OutcomeRecord{
          o.Int(0), static_cast<int>(o.Int(1)), o.Text(2), o.Text(3), o.Int(4), o.Text(5),
          o.Text(6)};
    });
  }

  Result<std::string> OutcomesVersion(std::int64_t account_id) override {
    return db_->One(
        kOutcomesVersion, {account_id},
        [](const sql::Rows& r) {
          return std::to_string(r.Int(0)) + ":" + std::to_string(r.Int(1)) + ":" +
                 std::to_string(r.Int(2));
        },
        "outcomes");
  }

  Result<model::OutcomeSettings> GetOutcomeSettings(std::int64_t account_id) override {
    auto found = db_->All(kGetOutcomeSettings, {account_id}, [](const sql::Rows& r) {
      return model::OutcomeSettings{r.Double(0), r.Int(1)};
    });
    if (!found.ok()) return found.error();
    return found->empty() ? model::OutcomeSettings{} : found->front();
  }

  Status SetOutcomeWeight(std::int64_t account_id, double weight) override {
    return db_->Write(kSetOutcomeWeight, {account_id, weight});
  }

  Status ResetOutcomeModel(std::int64_t account_id, std::int64_t now_ms) override {
    return db_->Write(kResetOutcomeModel, {account_id, now_ms});
  }

  using Store::ClaimNextJob;
  Result<std::optional<Job>> ClaimNextJob(const std::string& worker_id, std::int64_t now_ms,
                                          const OutboxFor<Job>& announce) override {
    // One statement is atomic by itself; announcing needs the claim's own transaction.
    return db_->Run(announce ? Intent::kWrite : Intent::kRead,
                    [&](Tx& tx) -> Result<std::optional<Job>> {
                      auto job = tx.One(kClaimNextJob, {worker_id, now_ms}, ReadJob);
                      if (job && announce) EnqueueDeliveries(tx, announce(*job));
                      return job;
                    });
  }

  Status HeartbeatJobs(const std::vector<JobClaim>& claims, std::int64_t now_ms) override {
    // A statement per claim (a process holds one job per worker thread, a handful), each
    // renewing only a job its own worker still holds, committed one by one: no transaction holds
    // several job rows at once.
    return Read([&](Tx& tx) -> Status {
      for (const JobClaim& c : claims) tx.Query(kHeartbeat, {now_ms, c.job_id, c.worker_id});
      return OkStatus();
    });
  }

  Result<int> RequeueStaleJobs(std::int64_t stale_before_ms) override {
    return Read([&](Tx& tx) -> Result<int> { return tx.Change(kRequeueStale, {stale_before_ms}); });
  }

  Result<std::vector<model::ResumeInput>> LoadResumes(std::int64_t job_id) override {
    return db_->All(kLoadResumes, {job_id}, [](const sql::Rows& r) {
      return model::ResumeInput{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
    });
  }

  Result<std::vector<int>> DoneIndices(std::int64_t job_id) override {
    return db_->All(kDoneIndices, {job_id},
                    [](const sql::Rows& r) { return static_cast<int>(r.Int(0)); });
  }

  Status SaveCandidates(std::int64_t job_id, const std::vector<CandidateRecord>& batch) override {
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Status {
      // The job row's lock serialises this batch with a cancel, a finish and another worker's
      // replay of the same batch (a job reclaimed after its lease ran out). A job cancelled
      // meanwhile keeps what was screened before the cancel and no more (its refund counted the
      // rest as unscreened); a completed or failed job never changes either.
      auto status = tx.One(kLockJob, {job_id}, ReadStatus);
      if (status && model::IsFinal(*status)) return OkStatus();
      const int written = sql::InsertRows(
          tx, kInsertCandidates, kCandidateTypes, "ON CONFLICT (job_id, idx) DO NOTHING",
          batch.size(), [&](std::vector<sql::Value>& v, std::size_t i) {
            const CandidateRecord& c = batch[i];
            v.insert(v.end(),
                     {job_id, c.index, c.filename, c.external_id, c.name, c.email, c.phone,
                      c.linkedin_url, c.score, c.raw_score, c.qualified, c.status, c.user_notes,
                      c.analysis_json, c.error_code, c.error_message, c.processed_at_ms});
          });
      tx.Query(kAddProcessed, {written, job_id});
      return OkStatus();
    });
  }

  using Store::FinishJob;
  Result<bool> FinishJob(const JobClaim& claim, JobStatus status, const std::string& error,
                         std::int64_t now_ms,
                         const std::vector<NewWebhookDelivery>& events) override {
    return db_->Run(events.empty() ? Intent::kRead : Intent::kWrite, [&](Tx& tx) -> Result<bool> {
      const bool finished =
          tx.Change(kFinishJob, {ToString(status), error, now_ms, claim.job_id, claim.worker_id});
      if (finished) EnqueueDeliveries(tx, events);
      return finished;
    });
  }

  Status ReleaseJob(const JobClaim& claim) override {
    return db_->Write(kReleaseJob, {claim.job_id, claim.worker_id});
  }

  Result<int> RequeueOrphanedJobs() override {
    if (!sole_server_) return 0;
    return Read([&](Tx& tx) -> Result<int> { return tx.Change(kRequeueProcessing); });
  }

  Result<std::int64_t> PendingResumeCount() override {
    return Read([&](Tx& tx) -> Result<std::int64_t> { return tx.Int(kPendingResumes); });
  }

 private:
  using Tx = sql::Transaction;
  template <typename F>
  auto Read(F&& f) -> decltype(f(std::declval<Tx&>())) {
    return db_->Run(Intent::kRead, std::forward<F>(f));
  }
  static JobStatus ReadStatus(const sql::Rows& r) {
    return model::ParseJobStatus(r.Text(0)).value_or(JobStatus::kFailed);
  }

  // The lookup is by the hash (an index probe); the hash is then compared again in constant
  // time so the answer never depends on how much of a guess matched.
  Result<Principal> LookUpToken(const std::string& token_hash) {
    return Read([&](Tx& tx) -> Result<Principal> {
      auto found = tx.One(kFindLiveToken, {token_hash}, [](const sql::Rows& r) {
        Principal p;
        p.account = ReadAccount(r);
        p.token_id = r.Int(5);
        return std::make_pair(p, r.Text(6));
      });
      if (!found || !ConstantTimeEquals(found->second, token_hash)) return NotFound("token");
      return found->first;
    });
  }

  static constexpr std::size_t kMaxCachedTokens = 100'000;
  struct CachedPrincipal {
    Principal principal;
    std::uint64_t epoch = 0;
  };

  std::shared_ptr<sql::Database> db_;
  std::unique_ptr<SharedCounter> epoch_;
  const bool sole_server_;
  SharedMutex auth_mu_;
  std::unordered_map<std::string, CachedPrincipal> auth_cache_ GUARDED_BY(auth_mu_);
};

}  // namespace

std::unique_ptr<Store> NewSqlStore(std::shared_ptr<sql::Database> db,
                                   std::unique_ptr<SharedCounter> epoch, bool sole_server) {
  return std::make_unique<SqlStore>(std::move(db), std::move(epoch), sole_server);
}

}  // namespace shortlist::store
