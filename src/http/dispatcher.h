// Everything between "a request arrived" and "a handler answers", independent of the network:
// route lookup, authentication, rate limiting and its headers (on every answer: 401, 404 and
// the routes that need no token too), error mapping, request logging.
// The Beast server calls Dispatch; tests can too, with no socket.
#pragma once

#include <functional>
#include <string>

#include "common/clock.h"
#include "common/task_pool.h"
#include "http/idempotency.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "model/account.h"

namespace shortlist::http {

// Finds the principal whose credential (a user token or an agent key) has the SHA-256 hex given
// ("not_found" when none is live). Authentication needs this one lookup, not the store.
using CredentialLookup = std::function<Result<model::Principal>(const std::string& hash)>;

// Agent keys start with this; user tokens with "sl_".
inline constexpr std::string_view kAgentKeyPrefix = "sl_agent_";

class Dispatcher {
 public:
  // All referenced objects must outlive the dispatcher. Thread-safe once serving.
  // `user_tokens` finds the principal of a user token ("sl_...").
  Dispatcher(const Router& router, CredentialLookup user_tokens, RateLimiter& limiter,
             const Clock& clock)
      : router_(router), user_tokens_(std::move(user_tokens)), limiter_(limiter), clock_(clock) {}

  // Lets agent keys ("sl_agent_...") authenticate. Without it they are rejected as invalid.
  // Set before serving.
  void SetAgentKeyLookup(CredentialLookup agent_keys) { agent_keys_ = std::move(agent_keys); }

  Response Dispatch(Request& request) const;

  // Dispatch, calling `done` with the answer: at once on this thread for most routes; on the
  // slow-request pool for routes marked `slow`, so an I/O thread never waits on one. When the
  // pool is full the answer is 503 with Retry-After, at once. Without a pool every route runs
  // inline.
  void DispatchAsync(Request request, std::function<void(Response)> done) const;
  // Set before serving; must outlive this.
  void SetSlowRequestPool(TaskPool* pool) { slow_pool_ = pool; }

  // Makes authenticated POSTs honour Idempotency-Key. Set before serving; must outlive this.
  void SetIdempotencyGuard(const IdempotencyGuard* guard) { idempotency_ = guard; }

  // Counts every dispatched request (route, status, duration) for GET /metrics. Set before
  // serving; must outlive this. Without it nothing is counted.
  void SetMetrics(RequestMetrics* metrics) { metrics_ = metrics; }

  // Finds the caller for an "Authorization: Bearer <token>" header, or an error
  // (code "unauthorized").
  Result<Caller> Authenticate(const Request& request) const;

 private:
  // Rate-limit headers on answers that have no credential to count (401, routes without a token,
  // unknown paths without one): every answer carries them, as the reference says.
  static constexpr std::int64_t kAnonymousRateKey = 0;  // no token or agent key has this key
  void AddAnonymousRateLimitHeaders(Response* response) const;
  // 404 / 405 for a path no route takes, counted against a valid credential when one is sent.
  Response Unmatched(const Request& request, bool path_known) const;

  const Router& router_;
  CredentialLookup user_tokens_;
  RateLimiter& limiter_;
  const Clock& clock_;
  CredentialLookup agent_keys_;
  const IdempotencyGuard* idempotency_ = nullptr;
  RequestMetrics* metrics_ = nullptr;
  TaskPool* slow_pool_ = nullptr;
};

// Adds X-RateLimit-Limit/Remaining/Reset (and Retry-After when refused) to `response`.
void AddRateLimitHeaders(const RateDecision& decision, std::int64_t now_ms, Response* response);

}  // namespace shortlist::http
