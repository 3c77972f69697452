// One signed POST of a delivery body: what the dispatcher and /webhooks/test both send.
#pragma once

#include <cstdint>
#include <string>

#include "net/http_client.h"

namespace shortlist::webhooks {

struct SendResult {
  bool delivered = false;  // the endpoint answered 2xx
  int status_code = 0;     // 0: no HTTP answer
  std::string error_code;  // "" on an HTTP answer; else the client's code ("url_refused", ...)
  std::string error;       // "" on a 2xx; "HTTP 500" or the client's message otherwise
  std::int64_t duration_ms = 0;
  std::string response_excerpt;  // the first 512 bytes of the answer's body
};

// POSTs `body` to `url` through `client` (the SSRF guard applies) with the signature headers.
// Redirects are not followed: a 3xx counts as a failed attempt. Never throws.
SendResult SendSigned(net::HttpClient& client, const std::string& url, const std::string& body,
                      const std::string& webhook_id, const std::string& secret, std::int64_t now_ms,
                      std::int64_t timeout_ms);

}  // namespace shortlist::webhooks
