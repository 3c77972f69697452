// WebhookStore over store/sql.h, the same code on SQLite and PostgreSQL.
//
// Leases: ClaimDue picks due rows FOR UPDATE SKIP LOCKED and marks them leased in the same
// statement (one statement: atomic on its own; on SQLite the database's write lock does what
// the row locks do). A row another process is claiming at that moment is locked and so skipped,
// never waited for nor returned twice; a row whose claim already committed no longer matches
// "lease_expires_at <= now" when PostgreSQL checks it again after locking. CompleteAttempt's
// guarded UPDATE (lease owner, attempt number) refuses the late report of a dispatcher whose
// lease expired.
#include <algorithm>
#include <utility>

#include "store/tables.h"

namespace shortlist::store {

using sql::Intent;

namespace {

#define SHORTLIST_DELIVERY_COLUMNS                                                               \
  "id, public_id, account_id, job_id, url, event_type, body, state, attempts, next_attempt_at, " \
  "last_status_code, last_error, created_at, updated_at, completed_at"

// dedupe_key NULL when absent: NULLs never collide in the unique index.
constexpr const char* kEnqueue =
    "INSERT INTO webhook_deliveries(public_id, account_id, job_id, url, event_type, body, "
    "dedupe_key, state, next_attempt_at, created_at, updated_at) "
    "VALUES($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8, $8) "
    "ON CONFLICT (account_id, dedupe_key) DO NOTHING";
// RETURNING gives the rows as a plain SELECT would have (the lease columns are not among them).
constexpr const char* kClaimDue =
    "WITH due AS (SELECT id FROM webhook_deliveries WHERE state = 'pending' AND "
    "next_attempt_at <= $1 AND lease_expires_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 "
    "FOR UPDATE SKIP LOCKED) UPDATE webhook_deliveries SET lease_owner = $3, "
    "lease_expires_at = $4 WHERE id IN (SELECT id FROM due) RETURNING " SHORTLIST_DELIVERY_COLUMNS;
constexpr const char* kRecordOutcome =
    "UPDATE webhook_deliveries SET attempts = $1, state = $2, next_attempt_at = $3, "
    "last_status_code = $4, last_error = $5, lease_owner = '', lease_expires_at = 0, "
    "updated_at = $6, completed_at = $7 WHERE id = $8 AND lease_owner = $9 AND "
    "state = 'pending' AND attempts = CAST($1 AS BIGINT) - 1";
constexpr const char* kRecordAttempt =
    "INSERT INTO webhook_attempts(delivery_id, number, started_at, duration_ms, status_code, "
    "error, response_excerpt) VALUES($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kReleaseLeases =
    "UPDATE webhook_deliveries SET lease_owner = '', lease_expires_at = 0 WHERE lease_owner = $1";
constexpr const char* kNextDueAt =
    "SELECT MIN(CASE WHEN next_attempt_at > lease_expires_at THEN next_attempt_at "
    "ELSE lease_expires_at END) FROM webhook_deliveries WHERE state = 'pending'";
#define SHORTLIST_DELIVERIES_WHERE                                                          \
  " FROM webhook_deliveries WHERE account_id = $1 AND (CAST($2 AS BIGINT) = 0 OR job_id = " \
  "CAST($2 AS BIGINT)) AND (CAST($3 AS TEXT) = '' OR state = CAST($3 AS TEXT)) AND "        \
  "(CAST($4 AS TEXT) = '' OR event_type = CAST($4 AS TEXT))"
constexpr const char* kCountDeliveries = "SELECT COUNT(*)" SHORTLIST_DELIVERIES_WHERE;
constexpr const char* kListDeliveries =
    "SELECT " SHORTLIST_DELIVERY_COLUMNS SHORTLIST_DELIVERIES_WHERE
    " ORDER BY id DESC LIMIT $5 OFFSET $6";
constexpr const char* kGetDelivery = "SELECT " SHORTLIST_DELIVERY_COLUMNS
                                     " FROM webhook_deliveries WHERE account_id = $1 AND "
                                     "public_id = $2";
constexpr const char* kListAttempts =
    "SELECT delivery_id, number, started_at, duration_ms, status_code, error, response_excerpt "
    "FROM webhook_attempts WHERE delivery_id = $1 ORDER BY number";
constexpr const char* kGetSecret = "SELECT secret FROM webhook_secrets WHERE account_id = $1";
// A concurrent first use (in any process) waits on the key, then does nothing: both read the one
// secret that won.
constexpr const char* kAddSecret =
    "INSERT INTO webhook_secrets(account_id, secret, created_at) VALUES($1, $2, $3) "
    "ON CONFLICT (account_id) DO NOTHING";
constexpr const char* kSetSecret =
    "INSERT INTO webhook_secrets(account_id, secret, created_at, rotated_at) "
    "VALUES($1, $2, $3, $3) ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret, "
    "rotated_at = excluded.rotated_at";

WebhookDelivery ReadDelivery(const sql::Rows& r) {
  return WebhookDelivery{r.Int(0),
                         r.Text(1),
                         r.Int(2),
                         r.Int(3),
                         r.Text(4),
                         r.Text(5),
                         r.Text(6),
                         ParseDeliveryState(r.Text(7)).value_or(DeliveryState::kFailed),
                         static_cast<int>(r.Int(8)),
                         r.Int(9),
                         static_cast<int>(r.Int(10)),
                         r.Text(11),
                         r.Int(12),
                         r.Int(13),
                         r.Int(14)};
}

WebhookAttempt ReadAttempt(const sql::Rows& r) {
  return WebhookAttempt{r.Int(0), static_cast<int>(r.Int(1)), r.Int(2),
                        r.Int(3), static_cast<int>(r.Int(4)), r.Text(5),
                        r.Text(6)};
}

bool EnqueueOne(sql::Transaction& tx, const NewWebhookDelivery& d) {
  const std::optional<std::string_view> dedupe_key =
      d.dedupe_key.empty() ? std::nullopt : std::optional<std::string_view>(d.dedupe_key);
  return tx.Change(kEnqueue, {d.public_id, d.account_id, d.job_id, d.url, d.event_type, d.body,
                              dedupe_key, d.created_at_ms}) > 0;
}

class SqlWebhookStore : public WebhookStore {
 public:
  explicit SqlWebhookStore(std::shared_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<bool> Enqueue(const NewWebhookDelivery& d) override {
    return db_->Run(Intent::kRead, [&](Tx& tx) -> Result<bool> { return EnqueueOne(tx, d); });
  }

  Result<std::vector<WebhookDelivery>> ClaimDue(const std::string& owner, std::int64_t now_ms,
                                                std::int64_t lease_ms, int limit) override {
    return db_->Run(Intent::kRead, [&](Tx& tx) {
      auto out = tx.All(kClaimDue, {now_ms, limit, owner, now_ms + lease_ms}, ReadDelivery);
      // RETURNING has no order: oldest due first.
      std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::pair(a.next_attempt_at_ms, a.id) < std::pair(b.next_attempt_at_ms, b.id);
      });
      return Result(std::move(out));
    });
  }

  Status CompleteAttempt(std::int64_t delivery_id, const std::string& owner,
                         const AttemptOutcome& o, std::int64_t now_ms) override {
    const bool final = o.next_state != DeliveryState::kPending;
    const WebhookAttempt& a = o.attempt;
    return db_->Run(Intent::kWrite, [&](Tx& tx) -> Status {
      if (tx.Change(kRecordOutcome,
                    {a.number, ToString(o.next_state),
                     final ? std::int64_t{0} : o.next_attempt_at_ms, a.status_code, a.error, now_ms,
                     final ? now_ms : std::int64_t{0}, delivery_id, owner}) == 0) {
        return Error::Make("conflict", "the delivery's lease is no longer held by " + owner);
      }
      tx.Query(kRecordAttempt, {delivery_id, a.number, a.started_at_ms, a.duration_ms,
                                a.status_code, a.error, a.response_excerpt});
      return OkStatus();
    });
  }

  Status ReleaseLeases(const std::string& owner) override {
    return db_->Write(kReleaseLeases, {owner});
  }

  Result<std::optional<std::int64_t>> NextDueAt() override {
    return db_->Run(Intent::kRead, [&](Tx& tx) -> Result<std::optional<std::int64_t>> {
      auto r = tx.Query(kNextDueAt);  // MIN answers one row: NULL when nothing is pending
      r->Next();
      return r->OptionalInt(0);
    });
  }

  Result<std::vector<WebhookDelivery>> ListDeliveries(std::int64_t account_id,
                                                      const DeliveryFilter& f,
                                                      int* total) override {
    const std::string_view state = f.state ? ToString(*f.state) : "";
    const sql::Value params[] = {account_id, f.job_id, state, f.event_type, f.limit, f.offset};
    return db_->Run(Intent::kRead, [&](Tx& tx) {
      if (total) *total = static_cast<int>(tx.Int(kCountDeliveries, std::span(params, 4)));
      return Result(tx.All(kListDeliveries, params, ReadDelivery));
    });
  }

  Result<WebhookDelivery> GetDelivery(std::int64_t account_id,
                                      const std::string& public_id) override {
    return db_->Run(Intent::kRead, [&](Tx& tx) -> Result<WebhookDelivery> {
      auto found = tx.One(kGetDelivery, {account_id, public_id}, ReadDelivery);
      if (!found) return Error::Make("not_found", "Webhook delivery not found.");
      return *found;
    });
  }

  Result<std::vector<WebhookAttempt>> ListAttempts(std::int64_t delivery_id) override {
    return db_->All(kListAttempts, {delivery_id}, ReadAttempt);
  }

  Result<std::string> GetSecret(std::int64_t account_id) override {
    return db_->Run(Intent::kRead, [&](Tx& tx) { return ReadSecret(tx, account_id, "not_found"); });
  }

  Result<std::string> GetOrCreateSecret(std::int64_t account_id, const std::string& candidate,
                                        std::int64_t now_ms) override {
    return db_->Run(Intent::kRead, [&](Tx& tx) {
      tx.Query(kAddSecret, {account_id, candidate, now_ms});
      return ReadSecret(tx, account_id, "storage");
    });
  }

  Status SetSecret(std::int64_t account_id, const std::string& secret,
                   std::int64_t now_ms) override {
    return db_->Write(kSetSecret, {account_id, secret, now_ms});
  }

 private:
  using Tx = sql::Transaction;
  // The account's secret, or an error with `missing` as its code.
  static Result<std::string> ReadSecret(Tx& tx, std::int64_t account_id, const char* missing) {
    auto secret = tx.One(kGetSecret, {account_id}, [](const sql::Rows& r) { return r.Text(0); });
    if (!secret) return Error::Make(missing, "no webhook secret yet");
    return *secret;
  }

  std::shared_ptr<sql::Database> db_;
};

}  // namespace

void EnqueueDeliveries(sql::Transaction& tx, const std::vector<NewWebhookDelivery>& deliveries) {
  for (const NewWebhookDelivery& d : deliveries) EnqueueOne(tx, d);
}

std::unique_ptr<WebhookStore> NewSqlWebhookStore(std::shared_ptr<sql::Database> db) {
  return std::make_unique<SqlWebhookStore>(std::move(db));
}

}  // namespace shortlist::store
