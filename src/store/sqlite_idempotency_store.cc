// SQLite implementation of IdempotencyStore: one row per (account, key), written under
// BEGIN IMMEDIATE so two concurrent requests with one key cannot both reserve it.
#include "store/idempotency_store.h"
#include "store/sqlite_pool.h"

namespace shortlist::store {
namespace {

constexpr const char* kIdempotencySchema = R"sql(
CREATE TABLE IF NOT EXISTS idempotency_keys(
  account_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY(account_id, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys(created_at);
)sql";

class SqliteIdempotencyStore : public IdempotencyStore {
 public:
  explicit SqliteIdempotencyStore(const std::string& path) : pool_(path, kIdempotencySchema) {}

  Result<IdempotencyClaim> Reserve(std::int64_t account_id, const std::string& key,
                                   const std::string& request_hash, std::int64_t now_ms,
                                   std::int64_t ttl_ms, std::int64_t stale_ms) override {
    return pool_.Run([&](SqliteDb& db) -> Result<IdempotencyClaim> {
      SqliteTransaction tx(db);
      // Expired keys go first, so a table of old keys never grows without bound.
      db.Prepare("DELETE FROM idempotency_keys WHERE created_at < ?")
          .Bind(1, now_ms - ttl_ms)
          .Run();
      auto st = db.Prepare(
          "SELECT request_hash, state, status, body, created_at FROM idempotency_keys "
          "WHERE account_id = ? AND key = ?");
      st.Bind(1, account_id).Bind(2, key);
      IdempotencyClaim claim;
      if (st.Step()) {
        const bool same_request = st.Text(0) == request_hash;
        const bool done = st.Text(1) == "done";
        const bool stale = !done && st.Int(4) < now_ms - stale_ms;
        if (!same_request && !stale) {
          claim.state = IdempotencyClaim::State::kMismatch;
          return claim;
        }
        if (done) {
          claim.state = IdempotencyClaim::State::kReplay;
          claim.status = static_cast<int>(st.Int(2));
          claim.body = st.Text(3);
          return claim;
        }
        if (!stale) {
          claim.state = IdempotencyClaim::State::kInProgress;
          return claim;
        }
      }
      auto put = db.Prepare(
          "INSERT OR REPLACE INTO idempotency_keys(account_id, key, request_hash, state, "
          "created_at) VALUES(?, ?, ?, 'pending', ?)");
      put.Bind(1, account_id).Bind(2, key).Bind(3, request_hash).Bind(4, now_ms).Run();
      tx.Commit();
      claim.state = IdempotencyClaim::State::kReserved;
      return claim;
    });
  }

  Status Complete(std::int64_t account_id, const std::string& key, int status,
                  const std::string& body) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "UPDATE idempotency_keys SET state = 'done', status = ?, body = ? "
          "WHERE account_id = ? AND key = ?");
      st.Bind(1, status).Bind(2, body).Bind(3, account_id).Bind(4, key).Run();
      return OkStatus();
    });
  }

  Status Abandon(std::int64_t account_id, const std::string& key) override {
    return pool_.Run([&](SqliteDb& db) -> Status {
      auto st = db.Prepare(
          "DELETE FROM idempotency_keys WHERE account_id = ? AND key = ? AND state = 'pending'");
      st.Bind(1, account_id).Bind(2, key).Run();
      return OkStatus();
    });
  }

 private:
  SqlitePool pool_;
};

}  // namespace

Result<std::unique_ptr<IdempotencyStore>> OpenSqliteIdempotencyStore(const std::string& path) {
  try {
    return std::unique_ptr<IdempotencyStore>(std::make_unique<SqliteIdempotencyStore>(path));
  } catch (const SqliteError& e) {
    return Error::Make("storage", e.what());
  }
}

}  // namespace shortlist::store
