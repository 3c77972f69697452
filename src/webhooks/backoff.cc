#include "webhooks/backoff.h"

#include <algorithm>

namespace shortlist::webhooks {

std::int64_t RetryDelayMillis(std::int64_t base_ms, std::int64_t max_ms, int failed_attempts,
                              double unit) {
  base_ms = std::max<std::int64_t>(1, base_ms);
  max_ms = std::max(base_ms, max_ms);
  std::int64_t d = base_ms;
  // Doubling stops at the cap, so large attempt numbers never overflow.
  for (int i = 1; i < failed_attempts && d < max_ms; ++i) d = std::min(max_ms, d * 2);
  d = std::min(d, max_ms);
  unit = std::clamp(unit, 0.0, 1.0);
  const std::int64_t half = d / 2;
  return std::min(d, half + static_cast<std::int64_t>(static_cast<double>(d - half) * unit));
}

}  // namespace shortlist::webhooks
