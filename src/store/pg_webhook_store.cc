// PostgreSQL implementation of WebhookStore, the twin of sqlite_webhook_store.cc: same tables,
// same answers, shared by every server process that points at the database.
//
// Leases: ClaimDue picks due rows with SELECT ... FOR UPDATE SKIP LOCKED and marks them leased
// in the same statement. A row another process is claiming at that moment is locked and so
// skipped (never waited for, never returned twice); a row whose claim already committed no
// longer matches "lease_expires_at <= now" when PostgreSQL re-checks it after locking. So two
// dispatchers in two processes never hold the same delivery, and CompleteAttempt's guarded
// UPDATE (lease owner, attempt number) refuses the late report of a dispatcher whose lease
// expired. A lease is (lease_owner, lease_expires_at); lease_expires_at = 0 means "not leased".
#include <algorithm>
#include <utility>

#include "store/pg_db.h"
#include "store/pg_pool.h"
#include "store/webhook_store.h"

namespace shortlist::store {
namespace {

// dedupe_key is NULL when absent: NULLs never collide in the unique index. Times are epoch ms.
constexpr const char* kPgWebhookSchema = R"sql(
CREATE TABLE IF NOT EXISTS webhook_deliveries(
  id BIGSERIAL PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL,
  job_id BIGINT NOT NULL DEFAULT 0,
  url TEXT NOT NULL,
  event_type TEXT NOT NULL,
  body TEXT NOT NULL,
  dedupe_key TEXT,
  state TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_status_code BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_expires_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  completed_at BIGINT NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS webhook_deliveries_dedupe
  ON webhook_deliveries(account_id, dedupe_key);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_account ON webhook_deliveries(account_id, id);
CREATE TABLE IF NOT EXISTS webhook_attempts(
  delivery_id BIGINT NOT NULL,
  number BIGINT NOT NULL,
  started_at BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL,
  status_code BIGINT NOT NULL,
  error TEXT NOT NULL,
  response_excerpt TEXT NOT NULL,
  PRIMARY KEY(delivery_id, number));
CREATE TABLE IF NOT EXISTS webhook_secrets(
  account_id BIGINT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  rotated_at BIGINT NOT NULL DEFAULT 0);
)sql";

constexpr const char* kDeliveryColumns =
    "id, public_id, account_id, job_id, url, event_type, body, state, attempts, next_attempt_at, "
    "last_status_code, last_error, created_at, updated_at, completed_at";

WebhookDelivery ReadDelivery(const PgResult& r, int row) {
  WebhookDelivery d;
  d.id = r.Int(row, 0);
  d.public_id = r.Text(row, 1);
  d.account_id = r.Int(row, 2);
  d.job_id = r.Int(row, 3);
  d.url = r.Text(row, 4);
  d.event_type = r.Text(row, 5);
  d.body = r.Text(row, 6);
  d.state = ParseDeliveryState(r.Text(row, 7)).value_or(DeliveryState::kFailed);
  d.attempts = static_cast<int>(r.Int(row, 8));
  d.next_attempt_at_ms = r.Int(row, 9);
  d.last_status_code = static_cast<int>(r.Int(row, 10));
  d.last_error = r.Text(row, 11);
  d.created_at_ms = r.Int(row, 12);
  d.updated_at_ms = r.Int(row, 13);
  d.completed_at_ms = r.Int(row, 14);
  return d;
}

std::vector<WebhookDelivery> ReadDeliveries(const PgResult& r) {
  std::vector<WebhookDelivery> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadDelivery(r, i));
  return out;
}

std::string Select(const std::string& rest) {
  return std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries " + rest;
}

class PgWebhookStore : public WebhookStore {
 public:
  explicit PgWebhookStore(const std::string& url) : pool_(url, kPgWebhookSchema) {}

  Result<bool> Enqueue(const NewWebhookDelivery& d) override {
    return pool_.Run([&](PgConnection& db) -> Result<bool> {
      PgParams p;
      p.Add(d.public_id).Add(d.account_id).Add(d.job_id).Add(d.url).Add(d.event_type).Add(d.body);
      if (d.dedupe_key.empty()) {
        p.AddNull();
      } else {
        p.Add(d.dedupe_key);
      }
      p.Add(d.created_at_ms);
      auto r = db.Query(
          "INSERT INTO webhook_deliveries(public_id, account_id, job_id, url, event_type, body, "
          "dedupe_key, state, next_attempt_at, created_at, updated_at) "
          "VALUES($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8, $8) "
          "ON CONFLICT(account_id, dedupe_key) DO NOTHING",
          p);
      return r.affected() > 0;
    });
  }

  Result<std::vector<WebhookDelivery>> ClaimDue(const std::string& owner, std::int64_t now_ms,
                                                std::int64_t lease_ms, int limit) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<WebhookDelivery>> {
      // One statement, so it is its own transaction. The leased columns are not among those
      // returned, so RETURNING gives the rows as a plain SELECT would have.
      auto r = db.Query(std::string("WITH due AS (SELECT id FROM webhook_deliveries "
                                    "WHERE state = 'pending' AND next_attempt_at <= $1 AND "
                                    "lease_expires_at <= $1 ORDER BY next_attempt_at, id "
                                    "LIMIT $2 FOR UPDATE SKIP LOCKED) "
                                    "UPDATE webhook_deliveries w SET lease_owner = $3, "
                                    "lease_expires_at = $4 FROM due WHERE w.id = due.id "
                                    "RETURNING ") +
                            "w.id, w.public_id, w.account_id, w.job_id, w.url, w.event_type, "
                            "w.body, w.state, w.attempts, w.next_attempt_at, w.last_status_code, "
                            "w.last_error, w.created_at, w.updated_at, w.completed_at",
                        PgParams().Add(now_ms).Add(limit).Add(owner).Add(now_ms + lease_ms));
      std::vector<WebhookDelivery> out = ReadDeliveries(r);
      // RETURNING has no order: give them oldest due first, as the SQLite store does.
      std::sort(out.begin(), out.end(), [](const WebhookDelivery& a, const WebhookDelivery& b) {
        return std::pair(a.next_attempt_at_ms, a.id) < std::pair(b.next_attempt_at_ms, b.id);
      });
      return out;
    });
  }

  Status CompleteAttempt(std::int64_t delivery_id, const std::string& owner,
                         const AttemptOutcome& o, std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      PgTransaction tx(db);
      const bool final = o.next_state != DeliveryState::kPending;
      auto updated = db.Query(
          "UPDATE webhook_deliveries SET attempts = $1::bigint, state = $2, next_attempt_at = $3, "
          "last_status_code = $4, last_error = $5, lease_owner = '', lease_expires_at = 0, "
          "updated_at = $6, completed_at = $7 "
          "WHERE id = $8 AND lease_owner = $9 AND state = 'pending' AND attempts = $1::bigint - 1",
          PgParams()
              .Add(o.attempt.number)
              .Add(ToString(o.next_state))
              .Add(final ? std::int64_t{0} : o.next_attempt_at_ms)
              .Add(o.attempt.status_code)
              .Add(o.attempt.error)
              .Add(now_ms)
              .Add(final ? now_ms : std::int64_t{0})
              .Add(delivery_id)
              .Add(owner));
      if (updated.affected() == 0) {
        return Error::Make("conflict", "the delivery's lease is no longer held by " + owner);
      }
      db.Query(
          "INSERT INTO webhook_attempts(delivery_id, number, started_at, duration_ms, "
          "status_code, error, response_excerpt) VALUES($1, $2, $3, $4, $5, $6, $7)",
          PgParams()
              .Add(delivery_id)
              .Add(o.attempt.number)
              .Add(o.attempt.started_at_ms)
              .Add(o.attempt.duration_ms)
              .Add(o.attempt.status_code)
              .Add(o.attempt.error)
              .Add(o.attempt.response_excerpt));
      tx.Commit();
      return OkStatus();
    });
  }

  Status ReleaseLeases(const std::string& owner) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      db.Query(
          "UPDATE webhook_deliveries SET lease_owner = '', lease_expires_at = 0 "
          "WHERE lease_owner = $1",
          PgParams().Add(owner));
      return OkStatus();
    });
  }

  Result<std::optional<std::int64_t>> NextDueAt() override {
    return pool_.Run([&](PgConnection& db) -> Result<std::optional<std::int64_t>> {
      auto r = db.Query(
          "SELECT MIN(GREATEST(next_attempt_at, lease_expires_at)) FROM webhook_deliveries "
          "WHERE state = 'pending'");
      if (r.empty() || r.IsNull(0, 0)) return std::optional<std::int64_t>();
      return std::optional<std::int64_t>(r.Int(0, 0));
    });
  }

  Result<std::vector<WebhookDelivery>> ListDeliveries(std::int64_t account_id,
                                                      const DeliveryFilter& f,
                                                      int* total) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<WebhookDelivery>> {
      const std::string state = f.state ? std::string(ToString(*f.state)) : std::string();
      constexpr const char* kWhere =
          "WHERE account_id = $1 AND ($2::bigint = 0 OR job_id = $2::bigint) "
          "AND ($3::text = '' OR state = $3::text) "
          "AND ($4::text = '' OR event_type = $4::text) ";
      auto params = [&] {
        return PgParams().Add(account_id).Add(f.job_id).Add(state).Add(f.event_type);
      };
      if (total) {
        auto r =
            db.Query(std::string("SELECT COUNT(*) FROM webhook_deliveries ") + kWhere, params());
        *total = r.empty() ? 0 : static_cast<int>(r.Int(0, 0));
      }
      auto r = db.Query(Select(std::string(kWhere) + "ORDER BY id DESC LIMIT $5 OFFSET $6"),
                        params().Add(f.limit).Add(f.offset));
      return ReadDeliveries(r);
    });
  }

  Result<WebhookDelivery> GetDelivery(std::int64_t account_id,
                                      const std::string& public_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<WebhookDelivery> {
      auto r = db.Query(Select("WHERE account_id = $1 AND public_id = $2"),
                        PgParams().Add(account_id).Add(public_id));
      if (r.empty()) return Error::Make("not_found", "Webhook delivery not found.");
      return ReadDelivery(r, 0);
    });
  }

  Result<std::vector<WebhookAttempt>> ListAttempts(std::int64_t delivery_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::vector<WebhookAttempt>> {
      auto r = db.Query(
          "SELECT delivery_id, number, started_at, duration_ms, status_code, error, "
          "response_excerpt FROM webhook_attempts WHERE delivery_id = $1 ORDER BY number",
          PgParams().Add(delivery_id));
      std::vector<WebhookAttempt> out;
      for (int i = 0; i < r.rows(); ++i) {
        WebhookAttempt a;
        a.delivery_id = r.Int(i, 0);
        a.number = static_cast<int>(r.Int(i, 1));
        a.started_at_ms = r.Int(i, 2);
        a.duration_ms = r.Int(i, 3);
        a.status_code = static_cast<int>(r.Int(i, 4));
        a.error = r.Text(i, 5);
        a.response_excerpt = r.Text(i, 6);
        out.push_back(std::move(a));
      }
      return out;
    });
  }

  Result<std::string> GetSecret(std::int64_t account_id) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::string> {
      auto r = db.Query("SELECT secret FROM webhook_secrets WHERE account_id = $1",
                        PgParams().Add(account_id));
      if (r.empty()) return Error::Make("not_found", "no webhook secret yet");
      return r.Text(0, 0);
    });
  }

  Result<std::string> GetOrCreateSecret(std::int64_t account_id, const std::string& candidate,
                                        std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<std::string> {
      // A concurrent first use in another process waits on the key, then does nothing: both
      // read the one secret that won.
      db.Query(
          "INSERT INTO webhook_secrets(account_id, secret, created_at) VALUES($1, $2, $3) "
          "ON CONFLICT(account_id) DO NOTHING",
          PgParams().Add(account_id).Add(candidate).Add(now_ms));
      auto r = db.Query("SELECT secret FROM webhook_secrets WHERE account_id = $1",
                        PgParams().Add(account_id));
      if (r.empty()) return Error::Make("storage", "webhook secret vanished");
      return r.Text(0, 0);
    });
  }

  Status SetSecret(std::int64_t account_id, const std::string& secret,
                   std::int64_t now_ms) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      db.Query(
          "INSERT INTO webhook_secrets(account_id, secret, created_at, rotated_at) "
          "VALUES($1, $2, $3, $3) "
          "ON CONFLICT(account_id) DO UPDATE SET secret = excluded.secret, "
          "rotated_at = excluded.rotated_at",
          PgParams().Add(account_id).Add(secret).Add(now_ms));
      return OkStatus();
    });
  }

 private:
  PgPool pool_;
};

}  // namespace

Result<std::unique_ptr<WebhookStore>> OpenPostgresWebhookStore(const std::string& url) {
  try {
    return std::unique_ptr<WebhookStore>(std::make_unique<PgWebhookStore>(url));
  } catch (const PgError& e) {
    return Error::Make("storage", std::string("cannot open the webhook store: ") + e.what());
  }
}

}  // namespace shortlist::store
