#include "api/handler_support.h"

#include <charconv>

namespace shortlist::api {

http::Handler Bind(const ApiContext& ctx, ApiHandler fn) {
  return [&ctx, fn](const http::Request& req, const http::Caller* caller) {
    return fn(ctx, req, *caller);
  };
}

std::optional<std::int64_t> ParsePositiveId(const std::string& text) {
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Result<model::Job> FindJob(const ApiContext& ctx, const http::Request& request,
                           const http::Caller& caller) {
  auto id = ParsePositiveId(request.path_params.at("job_id"));
  if (!id) return Error::Make("not_found", "Job not found.");
  return ctx.jobs->Get(caller.principal.account.id, *id);
}

std::string BaseUrl(const ApiContext& ctx, const http::Request& request) {
  if (!ctx.public_url.empty()) return ctx.public_url;
  std::string_view host = request.Header("host");
  return (ctx.tls ? "https://" : "http://") + std::string(host.empty() ? "localhost" : host);
}

}  // namespace shortlist::api
