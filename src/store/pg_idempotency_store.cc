// PostgreSQL implementation of IdempotencyStore, the twin of sqlite_idempotency_store.cc: one
// row per (account, key), shared by every server process.
//
// Reserve is atomic across processes without a table lock: the first request INSERTs the row
// (ON CONFLICT DO NOTHING), and a concurrent one with the same key waits on that row's unique
// index entry until the first commits, then finds the row and locks it (SELECT ... FOR UPDATE)
// before deciding whether to replay, refuse, or take over a stale reservation. So exactly one
// request runs per key.
#include "store/idempotency_store.h"
#include "store/pg_pool.h"

namespace shortlist::store {
namespace {

constexpr const char* kPgIdempotencySchema = R"sql(
CREATE TABLE IF NOT EXISTS idempotency_keys(
  account_id BIGINT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  status BIGINT NOT NULL DEFAULT 0,
  body TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  PRIMARY KEY(account_id, key));
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys(created_at);
)sql";

// A row can vanish between our INSERT finding it and our SELECT locking it (its request was
// abandoned, or it expired); then we try to insert again. Twice more is plenty.
constexpr int kReserveRounds = 3;

class PgIdempotencyStore : public IdempotencyStore {
 public:
  explicit PgIdempotencyStore(const std::string& url) : pool_(url, kPgIdempotencySchema) {}

  Result<IdempotencyClaim> Reserve(std::int64_t account_id, const std::string& key,
                                   const std::string& request_hash, std::int64_t now_ms,
                                   std::int64_t ttl_ms, std::int64_t stale_ms) override {
    return pool_.Run([&](PgConnection& db) -> Result<IdempotencyClaim> {
      // Expired keys go first, so a table of old keys never grows without bound. A statement
      // of its own: it needs no atomicity with what follows and should hold no locks during it.
      db.Query("DELETE FROM idempotency_keys WHERE created_at < $1",
               PgParams().Add(now_ms - ttl_ms));
      IdempotencyClaim claim;
      for (int round = 0; round < kReserveRounds; ++round) {
        PgTransaction tx(db);
        auto inserted = db.Query(
            "INSERT INTO idempotency_keys(account_id, key, request_hash, state, created_at) "
            "VALUES($1, $2, $3, 'pending', $4) ON CONFLICT(account_id, key) DO NOTHING",
            PgParams().Add(account_id).Add(key).Add(request_hash).Add(now_ms));
        if (inserted.affected() > 0) {
          tx.Commit();
          claim.state = IdempotencyClaim::State::kReserved;
          return claim;
        }
        auto r = db.Query(
            "SELECT request_hash, state, status, body, created_at FROM idempotency_keys "
            "WHERE account_id = $1 AND key = $2 FOR UPDATE",
            PgParams().Add(account_id).Add(key));
        if (r.empty()) continue;  // gone again: the transaction rolls back, try once more
        const bool same_request = r.Text(0, 0) == request_hash;
        const bool done = r.Text(0, 1) == "done";
        const bool stale = !done && r.Int(0, 4) < now_ms - stale_ms;
        if (!same_request && !stale) {
          claim.state = IdempotencyClaim::State::kMismatch;
          return claim;
        }
        if (done) {
          claim.state = IdempotencyClaim::State::kReplay;
          claim.status = static_cast<int>(r.Int(0, 2));
          claim.body = r.Text(0, 3);
          return claim;
        }
        if (!stale) {
          claim.state = IdempotencyClaim::State::kInProgress;
          return claim;
        }
        // Its process died: take the reservation over, as the SQLite store's REPLACE does.
        db.Query(
            "UPDATE idempotency_keys SET request_hash = $3, state = 'pending', status = 0, "
            "body = '', created_at = $4 WHERE account_id = $1 AND key = $2",
            PgParams().Add(account_id).Add(key).Add(request_hash).Add(now_ms));
        tx.Commit();
        claim.state = IdempotencyClaim::State::kReserved;
        return claim;
      }
      return Error::Make("storage", "the idempotency key kept changing; try again");
    });
  }

  Status Complete(std::int64_t account_id, const std::string& key, int status,
                  const std::string& body) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      db.Query(
          "UPDATE idempotency_keys SET state = 'done', status = $1, body = $2 "
          "WHERE account_id = $3 AND key = $4",
          PgParams().Add(status).Add(body).Add(account_id).Add(key));
      return OkStatus();
    });
  }

  Status Abandon(std::int64_t account_id, const std::string& key) override {
    return pool_.Run([&](PgConnection& db) -> Status {
      db.Query(
          "DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND state = 'pending'",
          PgParams().Add(account_id).Add(key));
      return OkStatus();
    });
  }

 private:
  PgPool pool_;
};

}  // namespace

Result<std::unique_ptr<IdempotencyStore>> OpenPostgresIdempotencyStore(const std::string& url) {
  try {
    return std::unique_ptr<IdempotencyStore>(std::make_unique<PgIdempotencyStore>(url));
  } catch (const PgError& e) {
    return Error::Make("storage", e.what());
  }
}

}  // namespace shortlist::store
