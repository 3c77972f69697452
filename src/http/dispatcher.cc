#include "http/dispatcher.h"

#include <chrono>
#include <exception>

#include "common/crypto.h"
#include "common/log.h"
#include "common/memory.h"

namespace shortlist::http {

Result<Caller> Dispatcher::Authenticate(const Request& request) const {
  std::string_view auth = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || auth.substr(0, kBearer.size()) != kBearer) {
    return Error::Make("unauthorized",
                       "Missing API token: send the header 'Authorization: Bearer <token>'.");
  }
  std::string_view token = auth.substr(kBearer.size());
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.size() > 256) return Error::Make("unauthorized", "Invalid API token.");
  const bool agent_key = token.substr(0, kAgentKeyPrefix.size()) == kAgentKeyPrefix;
  const CredentialLookup& lookup = agent_key ? agent_keys_ : user_tokens_;
  if (!lookup) return Error::Make("unauthorized", "Invalid or revoked API token.");
  auto principal = lookup(Sha256Hex(token));
  if (!principal.ok()) {
    if (principal.error().code == "not_found") {
      return Error::Make("unauthorized", "Invalid or revoked API token.");
    }
    return principal.error();
  }
  return Caller{std::move(principal).value()};
}

void AddRateLimitHeaders(const RateDecision& d, std::int64_t now_ms, Response* response) {
  const std::int64_t reset_s = d.reset_at_ms / 1000;
  if (d.unlimited) {
    response->headers.emplace_back("X-RateLimit-Limit", "unlimited");
    response->headers.emplace_back("X-RateLimit-Remaining", "unlimited");
  } else {
    response->headers.emplace_back("X-RateLimit-Limit", std::to_string(d.limit));
    response->headers.emplace_back("X-RateLimit-Remaining", std::to_string(d.remaining));
  }
  response->headers.emplace_back("X-RateLimit-Reset", std::to_string(reset_s));
  if (!d.allowed) {
    std::int64_t wait = (d.reset_at_ms - now_ms + 999) / 1000;
    response->headers.emplace_back("Retry-After", std::to_string(wait < 1 ? 1 : wait));
  }
}

void Dispatcher::AddAnonymousRateLimitHeaders(Response* response) const {
  // No credential to count against: the default plan's budget and the current window, as a
  // fresh token would see them (nothing is counted).
  AddRateLimitHeaders(limiter_.Peek(kAnonymousRateKey, model::Plan::kStandard), clock_.NowMillis(),
                      response);
}

Response Dispatcher::Unmatched(const Request& request, bool path_known) const {
  Response response = path_known
                          ? ErrorResponse(405, "Method " + request.method + " is not allowed on " +
                                                   request.path + ".")
                          : ErrorResponse(404, "No endpoint at " + request.path + ".");
  if (request.Header("authorization").empty()) {
    AddAnonymousRateLimitHeaders(&response);
    return response;
  }
  // A request made with a valid credential counts against it whatever it asked for.
  auto caller = Authenticate(request);
  if (!caller.ok()) {
    AddAnonymousRateLimitHeaders(&response);
    return response;
  }
  const RateDecision decision =
      limiter_.Acquire(caller->principal.RateKey(), caller->principal.account.plan);
  if (!decision.allowed) {
    response = ErrorResponse(429, "Rate limit exceeded: " + std::to_string(decision.limit) +
                                      " requests per minute. Retry after the reset.");
  }
  AddRateLimitHeaders(decision, clock_.NowMillis(), &response);
  return response;
}

Response Dispatcher::Dispatch(Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  Response response;
  std::int64_t account_id = 0;
  const Route* matched = nullptr;  // for the metrics: which route took the request
  try {
    Router::Match match = router_.Find(request.method, request.path);
    matched = match.route;
    if (!match.route) {
      response = Unmatched(request, match.path_known);
    } else if (!match.route->authenticated) {
      request.path_params = std::move(match.params);
      response = match.route->handler(request, nullptr);
      AddAnonymousRateLimitHeaders(&response);
    } else {
      auto caller = Authenticate(request);
      if (!caller.ok()) {
        response = ErrorResponse(caller.error());
        AddAnonymousRateLimitHeaders(&response);
      } else {
        account_id = caller->principal.account.id;
        RateDecision decision =
            limiter_.Acquire(caller->principal.RateKey(), caller->principal.account.plan);
        if (!decision.allowed) {
          response = ErrorResponse(429, "Rate limit exceeded: " + std::to_string(decision.limit) +
                                            " requests per minute. Retry after the reset.");
        } else if (!caller->principal.Allows(match.route->permission)) {
          response =
              ErrorResponse(403, match.route->permission == "user"
                                     ? request.method + " " + request.path +
                                           " needs a user API token; agent keys cannot use it."
                                     : "This agent key lacks the '" + match.route->permission +
                                           "' permission needed for " + request.method + " " +
                                           request.path + ".");
        } else {
          request.path_params = std::move(match.params);
          const Route& route = *match.route;
          auto handle = [&] { return route.handler(request, &caller.value()); };
          response = idempotency_ && request.method == "POST"
                         ? idempotency_->Run(account_id, request, handle)
                         : handle();
        }
        AddRateLimitHeaders(decision, clock_.NowMillis(), &response);
      }
    }
  } catch (const std::exception& e) {
    Log(LogLevel::kError, "handler threw",
        {{"path", RedactSecrets(request.path)}, {"what", e.what()}});
    response = ErrorResponse(500, "Internal server error.");
    AddAnonymousRateLimitHeaders(&response);
  }
  if (metrics_ == nullptr && !LogEnabled(LogLevel::kInfo)) return response;
  const auto elapsed = std::chrono::steady_clock::now() - started;
  if (metrics_ != nullptr) metrics_->Record(matched, request.method, response.status, elapsed);
  if (!LogEnabled(LogLevel::kInfo)) return response;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
  Log(LogLevel::kInfo, "request",
      {{"method", request.method},
       {"path", RedactSecrets(request.path)},
       {"status", response.status},
       {"account", static_cast<long long>(account_id)},
       {"us", static_cast<long long>(micros)}});
  return response;
}

void Dispatcher::DispatchAsync(Request request, std::function<void(Response)> done) const {
  if (slow_pool_ != nullptr) {
    const Router::Match match = router_.Find(request.method, request.path);
    if (match.route != nullptr && match.route->slow) {
      const Route* route = match.route;
      const std::string method = request.method;
      const auto started = std::chrono::steady_clock::now();
      auto run = [this, request = std::move(request), done]() mutable {
        done(Dispatch(request));
        NoteFreedMemory(request.body.size());
      };
      if (slow_pool_->TrySubmit(std::move(run))) return;
      Response busy =
          ErrorResponse(503,
                        "The server is busy with other slow requests (screening, calls to other "
                        "services); retry in a moment.");
      busy.headers.emplace_back("Retry-After", "1");
      AddAnonymousRateLimitHeaders(&busy);
      if (metrics_ != nullptr) {
        metrics_->Record(route, method, 503, std::chrono::steady_clock::now() - started);
      }
      done(std::move(busy));
      return;
    }
  }
  done(Dispatch(request));
  NoteFreedMemory(request.body.size());  // a large body is given back once it is freed
}

}  // namespace shortlist::http
