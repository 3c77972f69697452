// Counters for the Prometheus endpoint (GET /metrics, see http/metrics.h and api/metrics_api.h)
// that modules below the HTTP layer bump. Header-only: a module counts without linking the
// HTTP layer.
//
// Thread-safety: every operation is a relaxed atomic; no lock, no allocation. A reader may see
// two counters one event apart, which Prometheus tolerates.
#pragma once

#include <atomic>
#include <cstdint>

namespace shortlist::metrics {

// A monotonically increasing count.
class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Webhook delivery attempts by what became of the delivery: delivered (a 2xx), retry (failed,
// scheduled again) and failed (failed for the last time). Counted by the outbox's senders once
// the attempt is recorded.
struct WebhookDeliveryCounters {
  Counter delivered;
  Counter retry;
  Counter failed;
};

// The process's webhook counters. Process-wide because the outbox is opened inside the webhook
// service with no seam to hand it a registry; there is one outbox per server process.
inline WebhookDeliveryCounters& WebhookDeliveries() {
  static WebhookDeliveryCounters counters;
  return counters;
}

}  // namespace shortlist::metrics
