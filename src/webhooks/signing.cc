#include "webhooks/signing.h"

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/json_parse.h"

namespace shortlist::webhooks {

std::string NewEventId() { return "evt_" + RandomHex(12); }

std::string NewSecret() { return "whsec_" + RandomHex(32); }

Result<std::string> BuildEventBody(std::string_view type, std::string_view data_json,
                                   std::string_view id, std::int64_t timestamp_ms) {
  nlohmann::json data = ParseJsonOrDiscarded(data_json);
  if (data.is_discarded() || !data.is_object()) {
    return Error::Make("invalid", "webhook event data must be a JSON object");
  }
  // Written by hand to keep the reference's key order (event, timestamp, data) in the bytes.
  std::string body = "{\"event\":";
  body += nlohmann::json(std::string(type)).dump();
  body += ",\"timestamp\":";
  body += nlohmann::json(FormatIso8601(timestamp_ms)).dump();
  body += ",\"data\":";
  body += data.dump();
  body += ",\"id\":";
  body += nlohmann::json(std::string(id)).dump();
  body += "}";
  return body;
}

std::string Sign(std::string_view secret, std::string_view body) {
  return HmacSha256Hex(secret, body);
}

std::vector<std::pair<std::string, std::string>> DeliveryHeaders(std::string_view secret,
                                                                 std::string_view body,
                                                                 std::string_view webhook_id,
                                                                 std::int64_t now_ms) {
  return {{"Content-Type", "application/json"},
          {"User-Agent", kUserAgent},
          {"X-Webhook-Id", std::string(webhook_id)},
          {"X-Webhook-Timestamp", std::to_string(now_ms / 1000)},
          {"X-Webhook-Signature", Sign(secret, body)}};
}

Result<std::string> AccountSecret(store::WebhookStore& store, std::int64_t account_id,
                                  std::int64_t now_ms) {
  auto secret = store.GetSecret(account_id);
  if (secret.ok() || secret.error().code != "not_found") return secret;
  return store.GetOrCreateSecret(account_id, NewSecret(), now_ms);
}

}  // namespace shortlist::webhooks
