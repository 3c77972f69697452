// Remembered answers for Idempotency-Key: a client that retries a creating POST with the same
// key gets the first answer back instead of a second job (SPEC, "Idempotency").
//
// A key belongs to an account. Reserve() decides atomically what a request with a key may do:
// run (it is the first), replay a stored answer, or stop because the key was used for a
// different request or the first request is still running. Entries expire after `ttl_ms`.
//
// Thread-safe; several processes may share the database.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"

namespace shortlist::store {

struct IdempotencyClaim {
  enum class State {
    kReserved,    // the caller is first: run the request, then Complete() or Abandon()
    kReplay,      // answered before: `status` and `body` are the stored answer
    kMismatch,    // the key was used with a different request
    kInProgress,  // the first request with this key has not finished yet
  };
  State state = State::kReserved;
  int status = 0;
  std::string body;
};

class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;
  // `request_hash` fingerprints the request (method, path, body). A reservation left pending for
  // longer than `stale_ms` (its process died) is taken over.
  virtual Result<IdempotencyClaim> Reserve(std::int64_t account_id, const std::string& key,
                                           const std::string& request_hash, std::int64_t now_ms,
                                           std::int64_t ttl_ms, std::int64_t stale_ms) = 0;
  // Stores the answer of a reserved request.
  virtual Status Complete(std::int64_t account_id, const std::string& key, int status,
                          const std::string& body) = 0;
  // Forgets a reservation whose request failed, so a retry runs it again.
  virtual Status Abandon(std::int64_t account_id, const std::string& key) = 0;
};

// The keys in the SQLite database file at `path`, or in PostgreSQL at `url`.
Result<std::unique_ptr<IdempotencyStore>> OpenSqliteIdempotencyStore(const std::string& path);
Result<std::unique_ptr<IdempotencyStore>> OpenPostgresIdempotencyStore(const std::string& url);

}  // namespace shortlist::store
