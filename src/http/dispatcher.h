// Everything between "a request arrived" and "a handler answers", independent of the network:
// route lookup, authentication, rate limiting and its headers, error mapping, request logging.
// The Beast server calls Dispatch; tests can too, with no socket.
#pragma once

#include "common/clock.h"
#include "http/message.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "store/store.h"

namespace shortlist::http {

class Dispatcher {
 public:
  // All referenced objects must outlive the dispatcher. Thread-safe.
  Dispatcher(const Router& router, store::Store& store, RateLimiter& limiter, const Clock& clock)
      : router_(router), store_(store), limiter_(limiter), clock_(clock) {}

  Response Dispatch(Request& request) const;

  // Finds the caller for an "Authorization: Bearer <token>" header, or an error
  // (code "unauthorized").
  Result<Caller> Authenticate(const Request& request) const;

 private:
  const Router& router_;
  store::Store& store_;
  RateLimiter& limiter_;
  const Clock& clock_;
};

// Adds X-RateLimit-Limit/Remaining/Reset (and Retry-After when refused) to `response`.
void AddRateLimitHeaders(const RateDecision& decision, std::int64_t now_ms, Response* response);

}  // namespace shortlist::http
