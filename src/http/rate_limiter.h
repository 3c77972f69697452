// Per-token request budget per minute.
//
// Design: a fixed one-minute window per token, aligned to the wall-clock minute, counted in
// memory under one mutex (a check is a hash lookup and an increment, so one lock does not
// bottleneck). A window resets at the start of each minute; `reset_at` says when. Limits come
// from the account's plan: Starter 30, Standard 60, Pro 120, Enterprise unlimited. Counts live in
// this process only: a restart forgets them (a new window at most one minute early).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "common/clock.h"
#include "common/mutex.h"
#include "model/account.h"

namespace shortlist::http {

// Requests per minute for a plan; 0 means unlimited.
int RequestsPerMinute(model::Plan plan);

struct RateDecision {
  bool allowed = true;
  bool unlimited = false;
  int limit = 0;
  int remaining = 0;
  std::int64_t reset_at_ms = 0;  // when the window ends
};

class RateLimiter {
 public:
  explicit RateLimiter(const Clock& clock) : clock_(clock) {}

  // Counts one request for `token_id` and says whether it may proceed.
  RateDecision Acquire(std::int64_t token_id, model::Plan plan);
  // The current numbers without counting a request.
  RateDecision Peek(std::int64_t token_id, model::Plan plan);

 private:
  struct Window {
    std::int64_t start_ms = 0;
    int used = 0;
  };
  RateDecision Decide(std::int64_t token_id, model::Plan plan, bool count);

  const Clock& clock_;
  Mutex mu_;
  std::unordered_map<std::int64_t, Window> windows_ GUARDED_BY(mu_);
};

}  // namespace shortlist::http
