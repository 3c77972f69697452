// IdempotencyStore over store/sql.h, the same code on SQLite and PostgreSQL: one row per
// (account, key).
//
// Reserve is atomic across processes without a table lock: the first request INSERTs the row
// (ON CONFLICT DO NOTHING), and a concurrent one with the same key waits on that row's unique
// index entry until the first commits, then finds the row and locks it (FOR UPDATE; on SQLite
// the database's write lock) before deciding whether to replay, refuse, or take over a stale
// reservation. So exactly one request runs per key.
#include "store/tables.h"

namespace shortlist::store {
namespace {

using sql::Intent;
using State = IdempotencyClaim::State;

constexpr const char* kDeleteExpired = "DELETE FROM idempotency_keys WHERE created_at < $1";
constexpr const char* kInsertPending =
    "INSERT INTO idempotency_keys(account_id, key, request_hash, state, created_at) "
    "VALUES($1, $2, $3, 'pending', $4) ON CONFLICT (account_id, key) DO NOTHING";
constexpr const char* kLockKey =
    "SELECT request_hash, state, status, body, created_at FROM idempotency_keys "
    "WHERE account_id = $1 AND key = $2 FOR UPDATE";
constexpr const char* kTakeOver =
    "UPDATE idempotency_keys SET request_hash = $3, state = 'pending', status = 0, body = '', "
    "created_at = $4 WHERE account_id = $1 AND key = $2";
constexpr const char* kComplete =
    "UPDATE idempotency_keys SET state = 'done', status = $1, body = $2 "
    "WHERE account_id = $3 AND key = $4";
constexpr const char* kAbandon =
    "DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND state = 'pending'";

IdempotencyClaim Claim(State state, int status = 0, std::string body = "") {
  return IdempotencyClaim{state, status, std::move(body)};
}

// A row can vanish between the INSERT finding it and the SELECT locking it (its request was
// abandoned, or it expired); then the insert is tried again. Twice more is plenty.
constexpr int kReserveRounds = 3;

class SqlIdempotencyStore : public IdempotencyStore {
 public:
  explicit SqlIdempotencyStore(std::shared_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<IdempotencyClaim> Reserve(std::int64_t account_id, const std::string& key,
                                   const std::string& request_hash, std::int64_t now_ms,
                                   std::int64_t ttl_ms, std::int64_t stale_ms) override {
    // Expired keys go first, so a table of old keys never grows without bound. A statement of
    // its own: it needs no atomicity with what follows and should hold no locks during it.
    Status swept = db_->Write(kDeleteExpired, {now_ms - ttl_ms});
    if (!swept.ok()) return swept.error();
    for (int round = 0; round < kReserveRounds; ++round) {
      auto claim = db_->Run(
          Intent::kWrite, [&](sql::Transaction& tx) -> Result<std::optional<IdempotencyClaim>> {
            return TryReserve(tx, account_id, key, request_hash, now_ms, stale_ms);
          });
      if (!claim.ok()) return claim.error();
      if (*claim) return **claim;
    }
    return Error::Make("storage", "the idempotency key kept changing; try again");
  }

  Status Complete(std::int64_t account_id, const std::string& key, int status,
                  const std::string& body) override {
    return db_->Write(kComplete, {status, body, account_id, key});
  }

  Status Abandon(std::int64_t account_id, const std::string& key) override {
    return db_->Write(kAbandon, {account_id, key});
  }

 private:
  // One round of Reserve; nullopt when the row vanished meanwhile.
  static std::optional<IdempotencyClaim> TryReserve(sql::Transaction& tx, std::int64_t account_id,
                                                    const std::string& key,
                                                    const std::string& request_hash,
                                                    std::int64_t now_ms, std::int64_t stale_ms) {
    if (tx.Change(kInsertPending, {account_id, key, request_hash, now_ms}) > 0) {
      return Claim(State::kReserved);
    }
    auto r = tx.Query(kLockKey, {account_id, key});
    if (!r->Next()) return std::nullopt;
    const bool same_request = r->Text(0) == request_hash;
    const bool done = r->Text(1) == "done";
    const bool stale = !done && r->Int(4) < now_ms - stale_ms;
    if (!same_request && !stale) return Claim(State::kMismatch);
    if (done) return Claim(State::kReplay, static_cast<int>(r->Int(2)), r->Text(3));
    if (!stale) return Claim(State::kInProgress);
    r.reset();
    // Its process died: take the reservation over.
    tx.Query(kTakeOver, {account_id, key, request_hash, now_ms});
    return Claim(State::kReserved);
  }

  std::shared_ptr<sql::Database> db_;
};

}  // namespace

std::unique_ptr<IdempotencyStore> NewSqlIdempotencyStore(std::shared_ptr<sql::Database> db) {
  return std::make_unique<SqlIdempotencyStore>(std::move(db));
}

}  // namespace shortlist::store
