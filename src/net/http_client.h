// HttpClient: the network seam. Everything that talks HTTP to the outside world (resume URLs,
// webhooks, Stripe, an LLM endpoint) takes an HttpClient&, so tests substitute a fake that
// answers from memory, and production uses NewCurlHttpClient.
//
// Contract for every implementation:
//  - Send is thread-safe: one client may serve many threads at once.
//  - A response with any HTTP status (404, 500 ...) is a successful Result; only transport
//    failures are errors. Error codes: "invalid_url", "url_refused" (the address policy said
//    no; the message names the address class), "fetch_failed", "fetch_timeout",
//    "file_too_large" (body over max_response_bytes), "too_many_redirects".
//  - Redirects (301, 302, 303, 307, 308) are followed by the client up to max_redirects, each
//    hop checked against the address policy; `final_url` is where the body came from.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "net/address_policy.h"

namespace shortlist::net {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10000};   // whole exchange, redirects included
  std::size_t max_response_bytes = 10 << 20;  // body cap; over it is "file_too_large"
  int max_redirects = 3;                      // 0: a redirect is returned as the response
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // of the final hop, in order
  std::string body;
  std::string final_url;

  // First header with this name (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// A libcurl client that enforces `policy` on every connection, including each redirect hop.
// Only http and https URLs are accepted; proxies from the environment are ignored (a proxy
// would hide the address we must check). Thread-safe.
std::unique_ptr<HttpClient> NewCurlHttpClient(AddressPolicy policy);

}  // namespace shortlist::net
