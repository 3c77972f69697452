// SQLite implementation of WebhookStore, over its own connection pool on the server's database
// file (WAL lets it share the file with the main store and with other processes).
//
// Leases: ClaimDue runs in BEGIN IMMEDIATE, so a select-then-mark is atomic against every other
// writer of the file, in this process or another. A lease is (lease_owner, lease_expires_at);
// lease_expires_at = 0 means "not leased".
#include <utility>

#include "store/sqlite_db.h"
#include "store/sqlite_pool.h"
#include "store/webhook_store.h"

namespace shortlist::store {

namespace {

// dedupe_key is NULL when absent: NULLs never collide in the unique index.
constexpr const char* kWebhookSchema = R"sql(
CREATE TABLE IF NOT EXISTS webhook_deliveries(
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL,
  job_id INTEGER NOT NULL DEFAULT 0,
  url TEXT NOT NULL,
  event_type TEXT NOT NULL,
  body TEXT NOT NULL,
  dedupe_key TEXT,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_status_code INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_expires_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS webhook_deliveries_dedupe
  ON webhook_deliveries(account_id, dedupe_key);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_account ON webhook_deliveries(account_id, id);
CREATE TABLE IF NOT EXISTS webhook_attempts(
  delivery_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  error TEXT NOT NULL,
  response_excerpt TEXT NOT NULL,
  PRIMARY KEY(delivery_id, number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS webhook_secrets(
  account_id INTEGER PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  rotated_at INTEGER NOT NULL DEFAULT 0);
)sql";

constexpr const char* kDeliveryColumns =
    "id, public_id, account_id, job_id, url, event_type, body, state, attempts, next_attempt_at, "
    "last_status_code, last_error, created_at, updated_at, completed_at";

WebhookDelivery ReadDelivery(const SqliteStmt& st) {
  WebhookDelivery d;
  d.id = st.Int(0);
  d.public_id = st.Text(1);
  d.account_id = st.Int(2);
  d.job_id = st.Int(3);
  d.url = st.Text(4);
  d.event_type = st.Text(5);
  d.body = st.Text(6);
  d.state = ParseDeliveryState(st.Text(7)).value_or(DeliveryState::kFailed);
  d.attempts = static_cast<int>(st.Int(8));
  d.next_attempt_at_ms = st.Int(9);
  d.last_status_code = static_cast<int>(st.Int(10));
  d.last_error = st.Text(11);
  d.created_at_ms = st.Int(12);
  d.updated_at_ms = st.Int(13);
  d.completed_at_ms = st.Int(14);
  return d;
}

std::string Select(const std::string& rest) {
  return std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries " + rest;
}

class SqliteWebhookStore : public WebhookStore {
 public:
  explicit SqliteWebhookStore(const std::string& path) : pool_(path, kWebhookSchema) {}

  Result<bool> Enqueue(const NewWebhookDelivery& d) override {
    return pool_.Run([&](SqliteDb& db) -> Result<bool> {
      auto st = db.Prepare(
          "INSERT INTO webhook_deliveries(public_id, account_id, job_id, url, event_type, body, "
          "dedupe_key, state, next_attempt_at, created_at, updated_at) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8, ?8) "
          "ON CONFLICT(account_id, dedupe_key) DO NOTHING");
      st.Bind(1, d.public_id).Bind(2, d.account_id).Bind(3, d.job_id).Bind(4, d.url);
      st.Bind(5, d.event_type).Bind(6, d.body);
      if (d.dedupe_key.empty()) {
        st.BindNull(7);
      } else {
        st.Bind(7, d.dedupe_key);
      }
      st.Bind(8, d.created_at_ms);
      st.Run();
      return db.Changes() > 0;
    });
  }

  Result<std::vector<WebhookDelivery>> ClaimDue(const std::string& owner, std::int64_t now_ms,
                                                std::int64_t lease_ms, int limit) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::vector<WebhookDelivery>> {
      SqliteTransaction tx(db);
      std::vector<WebhookDelivery> out;
      {
        auto st = db.Prepare(
            Select("WHERE state = 'pending' AND next_attempt_at <= ?1 AND lease_expires_at <= ?1 "
                   "ORDER BY next_attempt_at, id LIMIT ?2"));
        st.Bind(1, now_ms).Bind(2, limit);
        while (st.Step()) out.push_back(ReadDelivery(st));
      }
      for (const auto& d : out) {
        auto st = db.Prepare(
            "UPDATE webhook_deliveries SET lease_owner = ?1, lease_expires_at = ?2 WHERE id = ?3");
        st.Bind(1, owner).Bind(2, now_ms + lease_ms).Bind(3, d.id);
        st.Run();
      }
      tx.Commit();
      return out;
    });
  }

  Status CompleteAttempt(std::int64_t delivery_id, const std::string& owner,
                         const AttemptOutcome& o, std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      SqliteTransaction tx(db);
      {
        auto st = db.Prepare(
            "UPDATE webhook_deliveries SET attempts = ?1, state = ?2, next_attempt_at = ?3, "
            "last_status_code = ?4, last_error = ?5, lease_owner = '', lease_expires_at = 0, "
            "updated_at = ?6, completed_at = ?7 "
            "WHERE id = ?8 AND lease_owner = ?9 AND state = 'pending' AND attempts = ?1 - 1");
        const bool final = o.next_state != DeliveryState::kPending;
        st.Bind(1, o.attempt.number)
            .Bind(2, ToString(o.next_state))
            .Bind(3, final ? std::int64_t{0} : o.next_attempt_at_ms)
            .Bind(4, o.attempt.status_code)
            .Bind(5, o.attempt.error)
            .Bind(6, now_ms)
            .Bind(7, final ? now_ms : std::int64_t{0})
            .Bind(8, delivery_id)
            .Bind(9, owner);
        st.Run();
      }
      if (db.Changes() == 0) {
        return Error::Make("conflict", "the delivery's lease is no longer held by " + owner);
      }
      auto st = db.Prepare(
          "INSERT INTO webhook_attempts(delivery_id, number, started_at, duration_ms, "
          "status_code, error, response_excerpt) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      st.Bind(1, delivery_id)
          .Bind(2, o.attempt.number)
          .Bind(3, o.attempt.started_at_ms)
          .Bind(4, o.attempt.duration_ms)
          .Bind(5, o.attempt.status_code)
          .Bind(6, o.attempt.error)
          .Bind(7, o.attempt.response_excerpt);
      st.Run();
      tx.Commit();
      return OkStatus();
    });
  }

  Status ReleaseLeases(const std::string& owner) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "UPDATE webhook_deliveries SET lease_owner = '', lease_expires_at = 0 "
          "WHERE lease_owner = ?1");
      st.Bind(1, owner).Run();
      return OkStatus();
    });
  }

  Result<std::optional<std::int64_t>> NextDueAt() override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::optional<std::int64_t>> {
      auto st = db.Prepare(
          "SELECT MIN(MAX(next_attempt_at, lease_expires_at)) FROM webhook_deliveries "
          "WHERE state = 'pending'");
      if (!st.Step() || st.IsNull(0)) return std::optional<std::int64_t>();
      return std::optional<std::int64_t>(st.Int(0));
    });
  }

  Result<std::vector<WebhookDelivery>> ListDeliveries(std::int64_t account_id,
                                                      const DeliveryFilter& f,
                                                      int* total) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::vector<WebhookDelivery>> {
      const std::string state = f.state ? std::string(ToString(*f.state)) : std::string();
      constexpr const char* kWhere =
          "WHERE account_id = ?1 AND (?2 = 0 OR job_id = ?2) AND (?3 = '' OR state = ?3) "
          "AND (?4 = '' OR event_type = ?4) ";
      if (total) {
        auto st = db.Prepare(std::string("SELECT COUNT(*) FROM webhook_deliveries ") + kWhere);
        st.Bind(1, account_id).Bind(2, f.job_id).Bind(3, state).Bind(4, f.event_type);
        *total = st.Step() ? static_cast<int>(st.Int(0)) : 0;
      }
      auto st = db.Prepare(Select(std::string(kWhere) + "ORDER BY id DESC LIMIT ?5 OFFSET ?6"));
      st.Bind(1, account_id).Bind(2, f.job_id).Bind(3, state).Bind(4, f.event_type);
      st.Bind(5, f.limit).Bind(6, f.offset);
      std::vector<WebhookDelivery> out;
      while (st.Step()) out.push_back(ReadDelivery(st));
      return out;
    });
  }

  Result<WebhookDelivery> GetDelivery(std::int64_t account_id,
                                      const std::string& public_id) override {
    return pool_.Run([&](SqliteDb& db) -> Result<WebhookDelivery> {
      auto st = db.Prepare(Select("WHERE account_id = ?1 AND public_id = ?2"));
      st.Bind(1, account_id).Bind(2, public_id);
      if (!st.Step()) return Error::Make("not_found", "Webhook delivery not found.");
      return ReadDelivery(st);
    });
  }

  Result<std::vector<WebhookAttempt>> ListAttempts(std::int64_t delivery_id) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::vector<WebhookAttempt>> {
      auto st = db.Prepare(
          "SELECT delivery_id, number, started_at, duration_ms, status_code, error, "
          "response_excerpt FROM webhook_attempts WHERE delivery_id = ?1 ORDER BY number");
      st.Bind(1, delivery_id);
      std::vector<WebhookAttempt> out;
      while (st.Step()) {
        WebhookAttempt a;
        a.delivery_id = st.Int(0);
        a.number = static_cast<int>(st.Int(1));
        a.started_at_ms = st.Int(2);
        a.duration_ms = st.Int(3);
        a.status_code = static_cast<int>(st.Int(4));
        a.error = st.Text(5);
        a.response_excerpt = st.Text(6);
        out.push_back(std::move(a));
      }
      return out;
    });
  }

  Result<std::string> GetSecret(std::int64_t account_id) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::string> {
      auto st = db.Prepare("SELECT secret FROM webhook_secrets WHERE account_id = ?1");
      st.Bind(1, account_id);
      if (!st.Step()) return Error::Make("not_found", "no webhook secret yet");
      return st.Text(0);
    });
  }

  Result<std::string> GetOrCreateSecret(std::int64_t account_id, const std::string& candidate,
                                        std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<std::string> {
      {
        auto st = db.Prepare(
            "INSERT INTO webhook_secrets(account_id, secret, created_at) VALUES(?1, ?2, ?3) "
            "ON CONFLICT(account_id) DO NOTHING");
        st.Bind(1, account_id).Bind(2, candidate).Bind(3, now_ms).Run();
      }
      auto st = db.Prepare("SELECT secret FROM webhook_secrets WHERE account_id = ?1");
      st.Bind(1, account_id);
      if (!st.Step()) return Error::Make("storage", "webhook secret vanished");
      return st.Text(0);
    });
  }

  Status SetSecret(std::int64_t account_id, const std::string& secret,
                   std::int64_t now_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "INSERT INTO webhook_secrets(account_id, secret, created_at, rotated_at) "
          "VALUES(?1, ?2, ?3, ?3) "
          "ON CONFLICT(account_id) DO UPDATE SET secret = excluded.secret, "
          "rotated_at = excluded.rotated_at");
      st.Bind(1, account_id).Bind(2, secret).Bind(3, now_ms).Run();
      return OkStatus();
    });
  }

 private:
  SqlitePool pool_;
};

}  // namespace

Result<std::unique_ptr<WebhookStore>> OpenSqliteWebhookStore(const std::string& path) {
  try {
    return std::unique_ptr<WebhookStore>(std::make_unique<SqliteWebhookStore>(path));
  } catch (const SqliteError& e) {
    return Error::Make("storage", std::string("cannot open the webhook store: ") + e.what());
  }
}

}  // namespace shortlist::store
