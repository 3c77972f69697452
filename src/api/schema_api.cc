#include "api/schema_api.h"

#include <cctype>
#include <map>
#include <utility>

#include "api/credits_api.h"
#include "api/openapi_api.h"
#include "common/json_parse.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::Request;
using http::Response;
using nlohmann::json;

Response Validate(billing::BillingService* billing, const Caller& caller) {
  const model::Principal& p = caller.principal;
  json credits = {{"balance", 0.0},
                  {"credits", 0},
                  {"formatted_balance", "$0.00"},
                  {"is_low", false},
                  {"auto_reload_enabled", false}};
  if (billing) {
    auto status = CreditStatusJson(*billing, p.account.id);
    if (!status.ok()) return http::ErrorResponse(status.error());
    credits = *status;
  }
  json token = {{"type", p.agent_key_id ? "agent_key" : "user_token"}};
  if (p.agent_key_id) {
    token["agent_key_id"] = p.agent_key_id;
    token["name"] = p.agent_key_name;
    token["permissions"] = p.permissions;
  } else {
    token["permissions"] = {"read", "screen", "email"};
  }
  return Response::Json(
      200, {{"success", true},
            {"valid", true},
            {"user",
             {{"id", p.account.id},
              {"name", p.account.name},
              {"email", p.account.email.empty() ? json(nullptr) : json(p.account.email)},
              {"plan", std::string(model::ToString(p.account.plan))}}},
            {"credits", credits},
            {"token", token}});
}

// (METHOD, path template) -> the operation's summary in the compiled-in OpenAPI document.
const std::map<std::pair<std::string, std::string>, std::string>& Summaries() {
  static const auto* summaries = [] {
    auto* out = new std::map<std::pair<std::string, std::string>, std::string>;
    const json spec = ParseJsonOrDiscarded(OpenApiJson());
    if (!spec.is_object() || !spec.contains("paths")) return out;
    for (const auto& [path, item] : spec["paths"].items()) {
      for (const auto& [method, op] : item.items()) {
        if (!op.is_object() || !op.contains("summary")) continue;
        std::string upper = method;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        (*out)[{upper, path}] = op["summary"].get<std::string>();
      }
    }
    return out;
  }();
  return *summaries;
}

Response Discovery(const http::Router& router) {
  std::vector<std::string> order;
  std::map<std::string, json> by_path;
  for (const http::Route& route : router.routes()) {
    const std::string& path = route.pattern;
    if (path.rfind("/api/v1/", 0) != 0 && path.rfind("/v1/", 0) != 0) continue;
    auto [it, fresh] = by_path.try_emplace(path, json{{"path", path},
                                                      {"methods", json::array()},
                                                      {"description", ""},
                                                      {"authenticated", route.authenticated}});
    if (fresh) order.push_back(path);
    it->second["methods"].push_back(route.method);
    auto summary = Summaries().find({route.method, path});
    if (summary != Summaries().end()) {
      std::string& text = it->second["description"].get_ref<std::string&>();
      text += (text.empty() ? "" : "; ") + summary->second;
    }
  }
  json endpoints = json::array();
  for (const auto& path : order) endpoints.push_back(std::move(by_path[path]));
  return Response::Json(200, {{"success", true},
                              {"version", "v1"},
                              {"openapi_url", "/openapi.json"},
                              {"endpoints", std::move(endpoints)}});
}

}  // namespace

void AddSchemaRoutes(const ApiContext&, billing::BillingService* billing, http::Router* router) {
  router->Add(
      {"GET", "/api/v1/schema/validate",
       [billing](const Request&, const Caller* caller) { return Validate(billing, *caller); }, true,
       ""});
  router->Add({"GET", "/api/v1/schema",
               [router](const Request&, const Caller*) { return Discovery(*router); }, true, ""});
}

}  // namespace shortlist::api
