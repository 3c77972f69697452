// Idempotency-Key for POST requests (SPEC, "Idempotency"): within 24 hours, the same key with
// the same request replays the first successful answer without running the handler again (no
// new job, no new charge); the same key with a different request is a 422; a request that
// arrives while the first with its key is still running waits for its answer (so two
// concurrent requests with one key create one job), and gets a 409 if it does not come soon.
//
// Only successful answers (2xx) are remembered: a failed first attempt leaves the key free for
// the client's retry. An answer that carries a secret (a new API token or agent key, marked
// `Cache-Control: no-store`) is never stored, so it is not kept in clear; a retry makes a new one.
// A replayed answer carries the header `Idempotent-Replayed: true`.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "common/clock.h"
#include "http/message.h"
#include "store/idempotency_store.h"

namespace shortlist::http {

struct IdempotencyOptions {
  std::int64_t ttl_ms = 24LL * 3600 * 1000;
  std::int64_t wait_ms = 15'000;    // how long a duplicate waits for the first answer
  std::int64_t stale_ms = 120'000;  // a reservation this old without an answer is abandoned
};

class IdempotencyGuard {
 public:
  // `store` and `clock` must outlive the guard. Thread-safe.
  IdempotencyGuard(store::IdempotencyStore& store, const Clock& clock,
                   IdempotencyOptions options = {})
      : store_(store), clock_(clock), options_(options) {}

  // Runs `handle` for `request` of `account_id` under the request's Idempotency-Key (or just
  // runs it when the request has none).
  Response Run(std::int64_t account_id, const Request& request,
               const std::function<Response()>& handle) const;

 private:
  store::IdempotencyStore& store_;
  const Clock& clock_;
  IdempotencyOptions options_;
};

}  // namespace shortlist::http
