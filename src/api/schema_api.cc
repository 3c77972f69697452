#include "api/schema_api.h"

#include "api/credits_api.h"

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

}  // namespace

void AddSchemaRoutes(const ApiContext&, billing::BillingService* billing, http::Router* router) {
  router->Add(
      {"GET", "/api/v1/schema/validate",
       [billing](const Request&, const Caller* caller) { return Validate(billing, *caller); }, true,
       ""});
}

}  // namespace shortlist::api
