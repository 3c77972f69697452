#include "client/api_client.h"

#include <cctype>
#include <thread>
#include <utility>

#include "common/json_parse.h"
#include "net/address_policy.h"

namespace shortlist::client {
namespace {

using nlohmann::json;

std::string CodeForStatus(int status) {
  switch (status) {
    case 400:
    case 422:
      return "validation";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 425:
      return "too_early";
    case 429:
      return "rate_limited";
    default:
      return status >= 500 ? "server_error" : "http_error";
  }
}

// "The description field must be at least 50 characters. (description: ...; resumes.0: ...)"
std::string ServerMessage(int status, const json& body) {
  std::string message;
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    message = body["error"].get<std::string>();
  } else if (body.is_object() && body.contains("message") && body["message"].is_string()) {
    message = body["message"].get<std::string>();
  } else {
    message = "the server answered HTTP " + std::to_string(status);
  }
  if (body.is_object() && body.contains("errors") && body["errors"].is_object() &&
      !body["errors"].empty()) {
    std::string details;
    for (const auto& [field, messages] : body["errors"].items()) {
      std::string text;
      if (messages.is_array()) {
        for (const auto& m : messages) {
          if (!text.empty()) text += " ";
          text += m.is_string() ? m.get<std::string>() : m.dump();
        }
      } else {
        text = messages.is_string() ? messages.get<std::string>() : messages.dump();
      }
      if (!details.empty()) details += "; ";
      details += field + ": " + text;
    }
    message += " (" + details + ")";
  }
  return message;
}

void AddQuery(std::string* path, const std::string& key, const std::string& value) {
  *path += path->find('?') == std::string::npos ? '?' : '&';
  *path += key + "=" + value;
}

// Percent-encodes a query value (dates may carry ':' and '+').
std::string EncodeQueryValue(const std::string& value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string JobPath(std::int64_t job_id) { return "/api/v1/jobs/" + std::to_string(job_id); }

}  // namespace

ApiClient::ApiClient(ClientConfig config, net::HttpClient& http)
    : config_(std::move(config)), http_(http) {
  while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
}

Result<json> ApiClient::Call(const std::string& method, const std::string& path,
                             const std::optional<json>& body) {
  if (config_.token.empty()) {
    return Error::Make("unauthorized",
                       "no API token: pass --token or set SHORTLIST_TOKEN (create one with "
                       "`shortlist token create --account NAME`)");
  }
  net::HttpRequest request;
  request.method = method;
  request.url = config_.base_url + path;
  request.timeout = config_.timeout;
  request.max_response_bytes = config_.max_response_bytes;
  request.headers = {{"Authorization", "Bearer " + config_.token}, {"Accept", "application/json"}};
  if (body) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = body->dump(-1, ' ', false, json::error_handler_t::replace);
  }
  auto response = http_.Send(request);
  if (!response.ok()) {
    return Error::Make(response.error().code,
                       method + " " + request.url + ": " + response.error().message);
  }
  json answer = ParseJsonOrDiscarded(response->body);
  if (response->status >= 400) {
    return Error::Make(CodeForStatus(response->status),
                       ServerMessage(response->status, answer.is_discarded() ? json() : answer),
                       std::to_string(response->status));
  }
  if (answer.is_discarded()) {
    return Error::Make("bad_response", method + " " + request.url + " answered HTTP " +
                                           std::to_string(response->status) +
                                           " with a body that is not JSON");
  }
  return answer;
}

Result<json> ApiClient::CreateJob(const json& body) { return Call("POST", "/api/v1/jobs", body); }

Result<json> ApiClient::GetJob(std::int64_t job_id) { return Call("GET", JobPath(job_id)); }

Result<json> ApiClient::ListJobs(const ListJobsQuery& query) {
  std::string path = "/api/v1/jobs";
  if (!query.status.empty()) AddQuery(&path, "status", EncodeQueryValue(query.status));
  if (!query.since.empty()) AddQuery(&path, "since", EncodeQueryValue(query.since));
  if (query.limit > 0) AddQuery(&path, "limit", std::to_string(query.limit));
  if (query.page > 0) AddQuery(&path, "page", std::to_string(query.page));
  return Call("GET", path);
}

Result<json> ApiClient::GetResults(std::int64_t job_id, const ResultsQuery& query) {
  std::string path = JobPath(job_id) + "/results";
  if (query.min_score) AddQuery(&path, "min_score", std::to_string(*query.min_score));
  if (query.only_top_n) AddQuery(&path, "only_top_n", std::to_string(*query.only_top_n));
  if (query.page > 0) AddQuery(&path, "page", std::to_string(query.page));
  return Call("GET", path);
}

Result<json> ApiClient::CancelJob(std::int64_t job_id) {
  return Call("POST", JobPath(job_id) + "/cancel", json::object());
}

Result<json> ApiClient::Compare(std::int64_t job_id, const std::vector<std::int64_t>& ids) {
  std::string list;
  for (std::int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  return Call("GET", JobPath(job_id) + "/compare?ids=" + EncodeQueryValue(list));
}

Result<json> ApiClient::GenerateEmail(std::int64_t job_id, const json& body) {
  return Call("POST", JobPath(job_id) + "/generate-email", body);
}

Result<json> ApiClient::ReportOutcome(std::int64_t job_id, std::int64_t candidate_id,
                                      const std::string& outcome) {
  return Call("POST", JobPath(job_id) + "/outcome",
              json{{"candidate_id", candidate_id}, {"outcome", outcome}});
}

Result<json> ApiClient::RateLimit() { return Call("GET", "/api/v1/rate-limit"); }

Result<json> ApiClient::CreditsBalance() { return Call("GET", "/api/v1/credits/balance"); }

Result<json> ApiClient::ValidateToken() { return Call("GET", "/api/v1/schema/validate"); }

Result<json> ApiClient::Evaluate(const json& body) { return Call("POST", "/v1/evaluate", body); }

Result<json> ApiClient::WaitForJob(std::int64_t job_id, const WaitOptions& options) {
  const auto deadline = std::chrono::steady_clock::now() + options.max_wait;
  while (true) {
    auto job = GetJob(job_id);
    if (!job.ok()) return job;
    if (job->value("status", "") != "processing") return job;
    if (std::chrono::steady_clock::now() + options.poll_interval > deadline) {
      return Error::Make("timeout", "job " + std::to_string(job_id) +
                                        " was still processing after " +
                                        std::to_string(options.max_wait.count() / 1000) + " s");
    }
    std::this_thread::sleep_for(options.poll_interval);
  }
}

Result<std::string> UrlHost(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return Error::Make("invalid_url", "'" + url + "' is not an http(s) URL");
  }
  std::string scheme = url.substr(0, scheme_end);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") {
    return Error::Make("invalid_url", "'" + url + "' is not an http(s) URL");
  }
  std::string authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  std::string host;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) {
      return Error::Make("invalid_url", "'" + url + "' has an unterminated IPv6 address");
    }
    host = authority.substr(1, close - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  if (host.empty()) return Error::Make("invalid_url", "'" + url + "' names no host");
  return host;
}

Result<std::unique_ptr<net::HttpClient>> NewServerHttpClient(const std::string& base_url) {
  auto host = UrlHost(base_url);
  if (!host.ok()) return host.error();
  auto policy = net::AddressPolicy::WithAllowList({*host});
  if (!policy.ok()) {
    return Error::Make("invalid_url", "server URL '" + base_url + "': " + policy.error().message);
  }
  return net::NewCurlHttpClient(std::move(*policy));
}

}  // namespace shortlist::client
