#include "http/message.h"

#include <cctype>

#include "common/log.h"

namespace shortlist::http {

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response ErrorResponse(int status, const std::string& message, const FieldErrors& errors) {
  nlohmann::json body = {{"success", false}, {"error", message}};
  body["errors"] = nlohmann::json::object();
  for (const auto& [field, messages] : errors) body["errors"][field] = messages;
  return Response::Json(status, body);
}

int StatusForErrorCode(std::string_view code) {
  if (code == "not_found") return 404;
  if (code == "conflict") return 409;
  if (code == "invalid" || code == "validation") return 422;
  if (code == "bad_request") return 400;
  if (code == "unauthorized") return 401;
  if (code == "forbidden") return 403;
  if (code == "insufficient_credits" || code == "spend_limit_exceeded") return 402;
  if (code == "unavailable") return 503;
  if (code == "too_large") return 413;
  if (code == "too_early") return 425;
  if (code == "rate_limited") return 429;
  return 500;
}

Response Response::Secret(int status, const nlohmann::json& body) {
  Response r = Json(status, body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string RedactSecrets(std::string_view text) {
  // Listings show a secret's first 10 characters ("sl_3f9c1a2"); more than that is redacted.
  constexpr std::size_t kShown = 10;
  auto is_secret_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool starts = (i == 0 || !is_secret_char(text[i - 1])) &&
                        (text.substr(i, 3) == "sl_" || text.substr(i, 6) == "whsec_");
    if (!starts) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_secret_char(text[end])) ++end;
    if (end - i > kShown) {
      out.append(text.substr(i, kShown)).append("[redacted]");
    } else {
      out.append(text.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

Response ErrorResponse(const Error& error) {
  int status = StatusForErrorCode(error.code);
  if (status == 500) {
    Log(LogLevel::kError, "internal error", {{"code", error.code}, {"detail", error.message}});
    return ErrorResponse(500, "Internal server error.");
  }
  FieldErrors errors;
  if (!error.field.empty()) errors[error.field].push_back(error.message);
  return ErrorResponse(status, error.message, errors);
}

}  // namespace shortlist::http
