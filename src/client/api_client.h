// ApiClient: a client of a running Shortlist server's HTTP API (the Jobs API under /api/v1 and
// the Evaluate API under /v1), for the command line and the MCP server.
//
// Every call returns the server's JSON answer as a value, or an Error:
//  - the server answered an error status: the code names the status class ("unauthorized" 401,
//    "forbidden" 403, "not_found" 404, "conflict" 409, "payload_too_large" 413, "validation"
//    400/422, "too_early" 425, "rate_limited" 429, "server_error" 5xx, "http_error" otherwise),
//    the message is the server's own `error` text followed by its per-field `errors`, and
//    `field` holds the HTTP status as decimal text ("404") so callers can tell a missing route
//    from a missing job when they need to;
//  - the server could not be reached: the transport's code ("fetch_failed", "fetch_timeout",
//    "invalid_url", "url_refused") and a message naming the URL;
//  - the answer was not JSON: "bad_response".
// A missing token is "unauthorized" before anything is sent.
//
// Thread-safety: as the HttpClient it is given (NewCurlHttpClient's is thread-safe); the
// ApiClient itself holds only immutable configuration.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "net/http_client.h"

namespace shortlist::client {

struct ClientConfig {
  std::string base_url = "http://127.0.0.1:8080";  // scheme://host[:port], no /api/v1 suffix
  std::string token;                               // Bearer token; required for every call
  std::chrono::milliseconds timeout{60'000};       // one HTTP exchange
  std::size_t max_response_bytes = 64u << 20;      // larger answers are an error
};

// Query of GET /api/v1/jobs. Unset fields are left to the server's defaults.
struct ListJobsQuery {
  std::string status;  // processing | completed | failed | cancelled, "" = all
  std::string since;   // a date or ISO-8601 time, "" = no filter
  int limit = 0;       // 1-100, 0 = server default (20)
  int page = 0;        // 0 = first
};

// Query of GET /api/v1/jobs/{id}/results.
struct ResultsQuery {
  std::optional<int> min_score;
  std::optional<int> only_top_n;
  int page = 0;  // 0 = first
};

// How WaitForJob polls.
struct WaitOptions {
  std::chrono::milliseconds max_wait{120'000};  // give up (error "timeout") after this long
  std::chrono::milliseconds poll_interval{250};
};

class ApiClient {
 public:
  // `http` must outlive the client.
  ApiClient(ClientConfig config, net::HttpClient& http);

  const ClientConfig& config() const { return config_; }

  // Jobs API.
  Result<nlohmann::json> CreateJob(const nlohmann::json& body);  // POST /api/v1/jobs (202)
  Result<nlohmann::json> GetJob(std::int64_t job_id);            // GET /api/v1/jobs/{id}
  Result<nlohmann::json> ListJobs(const ListJobsQuery& query);   // GET /api/v1/jobs
  // 425 ("too_early") while the job is still processing.
  Result<nlohmann::json> GetResults(std::int64_t job_id, const ResultsQuery& query);
  Result<nlohmann::json> CancelJob(std::int64_t job_id);
  Result<nlohmann::json> Compare(std::int64_t job_id, const std::vector<std::int64_t>& ids);
  // body: {candidate_id, type, tone?, custom_notes?, company_name?}
  Result<nlohmann::json> GenerateEmail(std::int64_t job_id, const nlohmann::json& body);
  // outcome: hired | rejected | withdrawn
  Result<nlohmann::json> ReportOutcome(std::int64_t job_id, std::int64_t candidate_id,
                                       const std::string& outcome);
  Result<nlohmann::json> RateLimit();
  Result<nlohmann::json> CreditsBalance();  // GET /api/v1/credits/balance
  Result<nlohmann::json> ValidateToken();   // GET /api/v1/schema/validate

  // Evaluate API: POST /v1/evaluate (synchronous).
  Result<nlohmann::json> Evaluate(const nlohmann::json& body);

  // Polls GET /api/v1/jobs/{id} until its status is no longer "processing"; returns that last
  // status answer. Error "timeout" when options.max_wait passes first.
  Result<nlohmann::json> WaitForJob(std::int64_t job_id, const WaitOptions& options = {});

  // Any call: method, a path starting with '/', an optional JSON body.
  Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                              const std::optional<nlohmann::json>& body = std::nullopt);

 private:
  ClientConfig config_;
  net::HttpClient& http_;
};

// The host part of an http(s) URL ("127.0.0.1", "::1", "shortlist.example"), or an
// "invalid_url" error. Brackets of an IPv6 literal are removed.
Result<std::string> UrlHost(const std::string& url);

// An HttpClient for talking to the server at `base_url`: libcurl behind an AddressPolicy that
// allows that URL's host (the user chose this server; the SSRF guard protects the server's own
// fetches, not a user's choice of server). Everything else keeps the default policy.
Result<std::unique_ptr<net::HttpClient>> NewServerHttpClient(const std::string& base_url);

}  // namespace shortlist::client
