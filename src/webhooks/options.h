// Settings of the webhook outbox: how it retries, how long it waits, how many senders run.
#pragma once

#include <cstdint>
#include <string>

namespace shortlist::webhooks {

struct WebhookOptions {
  // Sender threads. Each sends one delivery at a time, so a slow endpoint holds one of them.
  int threads = 2;
  // Attempts per delivery, the first included; after the last failure the delivery is "failed".
  int max_attempts = 10;
  // Delay before the first retry; each later retry doubles it (then jitter, see backoff.h).
  std::int64_t retry_base_ms = 10'000;
  // Cap on the delay between two attempts.
  std::int64_t retry_max_ms = 3'600'000;
  // Whole-exchange timeout of one attempt (connect, send, answer).
  std::int64_t timeout_ms = 10'000;
  // How often an idle sender looks for work queued by another process (its own are signalled).
  std::int64_t poll_ms = 1'000;
  // Base of results_url/status_url in job events; "" = set later with SetPublicUrl.
  std::string public_url;
  // Names this process's leases; "" = a random id per process.
  std::string owner_id;
};

}  // namespace shortlist::webhooks
