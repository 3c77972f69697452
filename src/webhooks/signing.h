// What a delivery looks like on the wire and how it is signed.
//
// Body: {"event": <type>, "timestamp": <ISO-8601 UTC>, "data": {...}, "id": "evt_…"}, written
// once when the event is published and sent byte for byte on every attempt.
// Headers: X-Webhook-Signature = lower-case hex HMAC-SHA256 of the raw body under the account's
// secret; X-Webhook-Id = the body's id (the same on every retry: receivers deduplicate by it);
// X-Webhook-Timestamp = Unix seconds when this attempt was sent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/webhook_store.h"

namespace shortlist::webhooks {

inline constexpr const char* kUserAgent = "Shortlist-Webhooks/0.1";

// "evt_" + 24 random hex digits.
std::string NewEventId();
// "whsec_" + 64 random hex digits (256 bits).
std::string NewSecret();

// The body for an event. "invalid" unless `data_json` is a JSON object.
Result<std::string> BuildEventBody(std::string_view type, std::string_view data_json,
                                   std::string_view id, std::int64_t timestamp_ms);

// Hex HMAC-SHA256 of `body` under `secret`.
std::string Sign(std::string_view secret, std::string_view body);

// The headers of one attempt, Content-Type and User-Agent included.
std::vector<std::pair<std::string, std::string>> DeliveryHeaders(std::string_view secret,
                                                                 std::string_view body,
                                                                 std::string_view webhook_id,
                                                                 std::int64_t now_ms);

// The account's signing secret, created on first use.
Result<std::string> AccountSecret(store::WebhookStore& store, std::int64_t account_id,
                                  std::int64_t now_ms);

}  // namespace shortlist::webhooks
