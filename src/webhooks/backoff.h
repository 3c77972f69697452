// The retry schedule: exponential backoff with jitter.
#pragma once

#include <cstdint>

namespace shortlist::webhooks {

// The delay before the next attempt after `failed_attempts` (>= 1) failures:
//   d = min(max_ms, base_ms * 2^(failed_attempts - 1)), then a uniform pick in [d/2, d]
// driven by `unit` in [0, 1). Half of the delay is kept so retries never bunch up at zero;
// the other half spreads receivers' load after an outage ("equal jitter").
std::int64_t RetryDelayMillis(std::int64_t base_ms, std::int64_t max_ms, int failed_attempts,
                              double unit);

}  // namespace shortlist::webhooks
