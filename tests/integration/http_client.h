// A small blocking HTTP client for tests (libcurl).
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace shortlist::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class HttpClient {
 public:
  HttpClient(std::string base_url, std::string token)
      : base_(std::move(base_url)), token_(std::move(token)) {}

  HttpResult Get(const std::string& path) const { return Send("GET", path, ""); }
  HttpResult Post(const std::string& path, const nlohmann::json& body) const {
    return Send("POST", path, body.dump());
  }
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body,
                  const std::map<std::string, std::string>& headers = {}) const;

 private:
  std::string base_;
  std::string token_;
};

}  // namespace shortlist::testing
