// DeliveryDispatcher: sends the outbox's pending deliveries, retries failures, gives up.
//
// Design: the outbox is the store's webhook_deliveries table, so nothing to send lives only in
// memory and a restart resumes where the last process stopped. Each of `threads` sender threads
// loops: claim one due delivery under a lease (store::WebhookStore::ClaimDue; the lease lasts
// the attempt timeout plus a margin, so no other thread or process sends it meanwhile), sign it
// with the account's current secret, POST it through the SSRF-guarded HttpClient, then record
// the attempt and the next state in one transaction: delivered on a 2xx; otherwise pending
// again after RetryDelayMillis (exponential, jittered), or failed after max_attempts. Idle
// senders sleep until the next delivery is due, a Notify() (something was published here), or
// poll_ms (work published by another process). A process killed mid-send leaves a lease that
// expires, after which the attempt is made again: delivery is at least once, and receivers
// deduplicate by X-Webhook-Id.
//
// Thread-safety: Notify/Start/Stop from any thread; RunOnce is for tests (no threads started).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/mutex.h"
#include "net/http_client.h"
#include "store/webhook_store.h"
#include "webhooks/options.h"

namespace shortlist::webhooks {

class DeliveryDispatcher {
 public:
  // Returns a number in [0, 1) for the jitter; thread-safe. Tests pass a fixed one.
  using RandomUnit = std::function<double()>;

  // `store`, `client` and `clock` must outlive the dispatcher. An empty `random` uses a
  // mutex-guarded std::mt19937_64 seeded from the OS.
  DeliveryDispatcher(store::WebhookStore& store, net::HttpClient& client, const Clock& clock,
                     WebhookOptions options, RandomUnit random = {});
  ~DeliveryDispatcher();  // Stop()
  DeliveryDispatcher(const DeliveryDispatcher&) = delete;
  DeliveryDispatcher& operator=(const DeliveryDispatcher&) = delete;

  // Sends every delivery due now, one after another, on the calling thread; returns how many
  // attempts it made. For tests and tools; do not mix with Start().
  int RunOnce();

  void Start();
  // Wakes the senders: a delivery was published.
  void Notify();
  // Lets in-flight attempts finish (each bounded by timeout_ms), joins. Idempotent.
  void Stop();

  // How long a claim lasts: the attempt timeout plus a margin for recording it.
  std::int64_t lease_ms() const { return options_.timeout_ms + 5'000; }

 private:
  // Claims and sends one due delivery as `owner`; false when nothing was due.
  bool SendOne(const std::string& owner);
  void Run(int index);
  double NextRandom();

  store::WebhookStore& store_;
  net::HttpClient& client_;
  const Clock& clock_;
  const WebhookOptions options_;
  const std::string owner_;
  RandomUnit random_;

  Mutex mu_;
  CondVar wake_;
  std::uint64_t notifications_ GUARDED_BY(mu_) = 0;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_ GUARDED_BY(mu_);
};

}  // namespace shortlist::webhooks
