// What a handler sees and returns: a parsed request and a response, free of Beast types so that
// handlers and their tests never touch the network layer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "model/account.h"

namespace shortlist::http {

struct Request {
  std::string method;                             // "GET", "POST", ...
  std::string path;                               // without the query string, percent-decoded
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> path_params;  // {job_id} -> "123", filled by the router
  std::string remote_address;

  // The first header with this (lower-case) name, or "".
  std::string_view Header(std::string_view lower_name) const;
  // The first query value for `name`.
  std::optional<std::string> Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, const nlohmann::json& body);
  // An answer that shows a secret (a token, an agent key, a signing secret): never cached by a
  // browser or proxy (Cache-Control: no-store), and never kept for an Idempotency-Key replay
  // (http/idempotency.h), so the secret is not stored in clear.
  static Response Secret(int status, const nlohmann::json& body);
};

// `text` (a request path or query) with anything shaped like one of our secrets -- "sl_..."
// user tokens, "sl_agent_..." agent keys, "whsec_..." signing secrets -- cut to the prefix a
// listing shows and "[redacted]", so logs never hold a usable credential.
std::string RedactSecrets(std::string_view text);

// Field path -> messages, e.g. {"resumes.0.content": ["must be at least 50 characters"]}.
using FieldErrors = std::map<std::string, std::vector<std::string>>;

// {"success": false, "error": message, "errors": {...}} with the given status.
Response ErrorResponse(int status, const std::string& message, const FieldErrors& errors = {});

// The one place a module's Error becomes an HTTP answer: not_found 404, conflict 409,
// invalid/validation 422, bad_request 400, unauthorized 401, forbidden 403, too_large 413,
// too_early 425, rate_limited 429, anything else 500 (with the detail logged, not shown).
Response ErrorResponse(const Error& error);
int StatusForErrorCode(std::string_view code);

// Who is calling: set by the server after authentication.
struct Caller {
  model::Principal principal;
};

}  // namespace shortlist::http
