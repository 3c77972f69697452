// The webhook outbox's records: a delivery (one event to send: the exact body, the URL, its
// state), its attempts, and what a dispatcher decided after one. Plain structs that every layer
// shares; no behaviour, no SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::model {

enum class DeliveryState { kPending, kDelivered, kFailed };
std::string_view ToString(DeliveryState state);  // "pending", "delivered", "failed"
std::optional<DeliveryState> ParseDeliveryState(std::string_view name);

struct NewWebhookDelivery {
  std::int64_t account_id = 0;
  std::int64_t job_id = 0;  // 0 when the event is not about a job (usage events)
  std::string public_id;    // "evt_…": the body's "id" and the X-Webhook-Id header
  std::string url;
  std::string event_type;  // "job.completed", ...
  std::string body;        // the exact bytes POSTed (signed when sent)
  std::string dedupe_key;  // "" = none; otherwise one delivery per (account, key)
  std::int64_t created_at_ms = 0;
};

// Builds, from what a change did, the deliveries that announce it; called inside the change's
// transaction (no I/O there), which writes them. Empty: nothing is announced.
template <typename Changed>
using OutboxFor = std::function<std::vector<NewWebhookDelivery>(const Changed&)>;

struct WebhookDelivery {
  std::int64_t id = 0;
  std::string public_id;
  std::int64_t account_id = 0;
  std::int64_t job_id = 0;
  std::string url;
  std::string event_type;
  std::string body;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;                     // attempts made (recorded) so far
  std::int64_t next_attempt_at_ms = 0;  // meaningful while pending
  int last_status_code = 0;             // 0: no HTTP answer (network error) or no attempt yet
  std::string last_error;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  std::int64_t completed_at_ms = 0;  // when it became delivered or failed; 0 while pending
};

struct WebhookAttempt {
  std::int64_t delivery_id = 0;
  int number = 0;  // 1-based
  std::int64_t started_at_ms = 0;
  std::int64_t duration_ms = 0;
  int status_code = 0;  // 0: no HTTP answer
  std::string error;    // "" on a 2xx; "HTTP 500", "fetch_timeout: ...", ...
  std::string response_excerpt;
};

// What a dispatcher decided after one attempt.
struct AttemptOutcome {
  WebhookAttempt attempt;
  DeliveryState next_state = DeliveryState::kPending;
  std::int64_t next_attempt_at_ms = 0;  // when next_state is pending
};

struct DeliveryFilter {
  std::int64_t job_id = 0;  // 0: any
  std::optional<DeliveryState> state;
  std::string event_type;  // "": any
  int limit = 20;
  int offset = 0;
};

}  // namespace shortlist::model
