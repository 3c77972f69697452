// An HttpClient that answers from a script and remembers every request. Thread-safe.
#pragma once

#include <deque>
#include <mutex>
#include <vector>

#include "net/http_client.h"

namespace shortlist::webhooks::testing {

class FakeHttpClient : public net::HttpClient {
 public:
  // Each call answers with the next scripted result; when the script is empty, with `fallback`.
  void Script(Result<net::HttpResponse> r) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.push_back(std::move(r));
  }
  void AnswerStatus(int status, const std::string& body = "") {
    net::HttpResponse r;
    r.status = status;
    r.body = body;
    Script(r);
  }
  std::vector<net::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (script_.empty()) {
      net::HttpResponse ok;
      ok.status = 200;
      return ok;
    }
    auto r = std::move(script_.front());
    script_.pop_front();
    return r;
  }

 private:
  mutable std::mutex mu_;
  std::deque<Result<net::HttpResponse>> script_;
  std::vector<net::HttpRequest> requests_;
};

inline std::string HeaderOf(const net::HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

}  // namespace shortlist::webhooks::testing
