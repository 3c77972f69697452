#include "http/rate_limiter.h"

namespace shortlist::http {

int RequestsPerMinute(model::Plan plan) {
  switch (plan) {
    case model::Plan::kStarter:
      return 30;
    case model::Plan::kStandard:
      return 60;
    case model::Plan::kPro:
      return 120;
    case model::Plan::kEnterprise:
      return 0;
  }
  return 60;
}

RateDecision RateLimiter::Acquire(std::int64_t token_id, model::Plan plan) {
  return Decide(token_id, plan, true);
}

RateDecision RateLimiter::Peek(std::int64_t token_id, model::Plan plan) {
  return Decide(token_id, plan, false);
}

RateDecision RateLimiter::Decide(std::int64_t token_id, model::Plan plan, bool count) {
  constexpr std::int64_t kWindowMs = 60'000;
  const std::int64_t now = clock_.NowMillis();
  const std::int64_t start = now - now % kWindowMs;
  RateDecision d;
  d.limit = RequestsPerMinute(plan);
  d.reset_at_ms = start + kWindowMs;
  if (d.limit == 0) {
    d.unlimited = true;
    return d;
  }
  MutexLock lock(mu_);
  Window& w = windows_[token_id];
  if (w.start_ms != start) w = Window{start, 0};
  if (count) {
    if (w.used >= d.limit) {
      d.allowed = false;
    } else {
      ++w.used;
    }
  }
  d.remaining = d.limit - w.used;
  return d;
}

}  // namespace shortlist::http
