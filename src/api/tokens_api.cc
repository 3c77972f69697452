#include "api/tokens_api.h"

#include "api/validation.h"
#include "common/clock.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kMaxNameChars = 100;

json TokenJson(const model::TokenInfo& t, const Caller& caller) {
  return {{"id", t.id},           {"name", t.name},
          {"prefix", t.prefix},   {"created_at", FormatIso8601(t.created_at_ms)},
          {"revoked", t.revoked}, {"current", t.id == caller.principal.token_id}};
}

Response List(const ApiContext& ctx, const Caller& caller) {
  auto tokens = ctx.tokens->List(caller.principal.account.id);
  if (!tokens.ok()) return ErrorResponse(tokens.error());
  json list = json::array();
  for (const auto& t : *tokens) list.push_back(TokenJson(t, caller));
  return Response::Json(200, {{"success", true}, {"tokens", list}, {"total", list.size()}});
}

Response Create(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto name = v.String(*body, "name", "name", true, 1, kMaxNameChars);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto token = ctx.tokens->Issue(caller.principal.account.id, *name);
  if (!token.ok()) return ErrorResponse(token.error());
  return Response::Secret(201, {{"success", true},
                                {"message", "Token created. Copy it now: it is not shown again."},
                                {"token", token->secret},
                                {"token_info", TokenJson(token->info, caller)}});
}

Response Revoke(const ApiContext& ctx, const Request& req, const Caller& caller) {
  const std::string& prefix = req.path_params.at("prefix");
  // Only the caller's own tokens; another account's prefix is the same 404 as a missing one.
  auto revoked = ctx.tokens->Revoke(prefix, caller.principal.account.id);
  if (!revoked.ok()) return ErrorResponse(revoked.error());
  if (*revoked == 0) return ErrorResponse(404, "Token not found.");
  return Response::Json(200, {{"success", true},
                              {"prefix", prefix},
                              {"revoked", *revoked},
                              {"message", "Token revoked."}});
}

}  // namespace

void AddTokenRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"GET", "/api/v1/tokens",
               [&ctx](const Request&, const Caller* caller) { return List(ctx, *caller); }, true,
               "user"});
  router->Add(
      {"POST", "/api/v1/tokens",
       [&ctx](const Request& req, const Caller* caller) { return Create(ctx, req, *caller); }, true,
       "user"});
  router->Add(
      {"DELETE", "/api/v1/tokens/{prefix}",
       [&ctx](const Request& req, const Caller* caller) { return Revoke(ctx, req, *caller); }, true,
       "user"});
}

}  // namespace shortlist::api
