// FakeHttpClient: an in-memory net::HttpClient for client and MCP tests. It records every
// request and answers from a table of (method, path prefix) -> responses; an unmatched request
// answers 404 with the server's error shape, as a real server does for an unknown route.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_client.h"

namespace shortlist::client::testing {

class FakeHttpClient : public net::HttpClient {
 public:
  // Answers `method` requests whose URL path (after the base URL) starts with `path` with
  // `status` and `body`. Several answers for one route are given in turn; the last repeats.
  void Answer(const std::string& method, const std::string& path, int status,
              const nlohmann::json& body) {
    std::lock_guard<std::mutex> lock(mu_);
    routes_[{method, path}].push_back({status, body.dump()});
  }
  // Makes every request fail in transport, as when nothing listens.
  void FailTransport(Error error) { transport_error_ = std::move(error); }

  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (!transport_error_.code.empty()) return transport_error_;
    const std::string path = PathOf(request.url);
    // The longest matching prefix wins, so "/api/v1/jobs/1/results" beats "/api/v1/jobs/1".
    std::deque<std::pair<int, std::string>>* best = nullptr;
    std::size_t best_length = 0;
    for (auto& [key, answers] : routes_) {
      if (key.first == request.method && path.rfind(key.second, 0) == 0 &&
          key.second.size() >= best_length) {
        best = &answers;
        best_length = key.second.size();
      }
    }
    net::HttpResponse response;
    response.final_url = request.url;
    if (best == nullptr || best->empty()) {
      response.status = 404;
      response.body = R"({"success":false,"error":"Not found.","errors":{}})";
      return response;
    }
    response.status = best->front().first;
    response.body = best->front().second;
    if (best->size() > 1) best->pop_front();
    return response;
  }

  std::vector<net::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

  // The path and query of a URL ("/api/v1/jobs?limit=5").
  static std::string PathOf(const std::string& url) {
    const auto scheme = url.find("://");
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
  }

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::deque<std::pair<int, std::string>>> routes_;
  std::vector<net::HttpRequest> requests_;
  Error transport_error_;
};

}  // namespace shortlist::client::testing
