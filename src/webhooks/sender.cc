#include "webhooks/sender.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "webhooks/signing.h"

namespace shortlist::webhooks {

namespace {
constexpr std::size_t kExcerptBytes = 512;
// Receivers answer with a short acknowledgement; a longer body is cut, not an error.
constexpr std::size_t kMaxResponseBytes = 64 << 10;

// The excerpt is shown in JSON answers: invalid UTF-8 (or a character cut in half) becomes U+FFFD.
std::string Utf8Excerpt(const std::string& body) {
  nlohmann::json text = body.substr(0, kExcerptBytes);
  return nlohmann::json::parse(text.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      .get<std::string>();
}
}  // namespace

SendResult SendSigned(net::HttpClient& client, const std::string& url, const std::string& body,
                      const std::string& webhook_id, const std::string& secret, std::int64_t now_ms,
                      std::int64_t timeout_ms) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = body;
  request.headers = DeliveryHeaders(secret, body, webhook_id, now_ms);
  request.timeout = std::chrono::milliseconds(timeout_ms);
  request.max_response_bytes = kMaxResponseBytes;
  request.max_redirects = 0;

  SendResult out;
  const auto started = std::chrono::steady_clock::now();
  auto response = client.Send(request);
  out.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  if (!response.ok()) {
    out.error_code = response.error().code;
    out.error = response.error().code + ": " + response.error().message;
    return out;
  }
  out.status_code = response->status;
  out.response_excerpt = Utf8Excerpt(response->body);
  out.delivered = response->status >= 200 && response->status < 300;
  if (!out.delivered) out.error = "HTTP " + std::to_string(response->status);
  return out;
}

}  // namespace shortlist::webhooks
