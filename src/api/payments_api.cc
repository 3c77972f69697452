#include "api/payments_api.h"

#include "api/credits_api.h"
#include "api/handler_support.h"
#include "api/validation.h"
#include "billing/payments.h"

namespace shortlist::api {
namespace {

using billing::Dollars;
using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

Response Purchase(const ApiContext& ctx, const Request& req, const Caller& caller) {
  if (auto denied = RequireUserToken(caller)) return *denied;
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto pack = ReadPackOrAmount(*body, &v);
  auto card = v.String(*body, "payment_method_id", "payment_method_id", true, 0, 255);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto bought = ctx.payments->Purchase(caller.principal.account, *pack, *card,
                                       std::string(req.Header("idempotency-key")));
  if (!bought.ok()) return PaymentError(bought.error());
  const std::string& status = bought->intent.status;
  json out = {{"success", bought->credited || status == "processing"},
              {"payment_intent_id", bought->intent.id},
              {"status", status},
              {"credited", bought->credited},
              {"credits_added", bought->credited ? bought->pack.credits() : 0},
              {"pack", CreditPackJson(bought->pack)},
              {"amount", Dollars(bought->pack.price_cents)},
              {"balance", Dollars(bought->balance_after)},
              {"credits", bought->balance_after},
              {"formatted_balance", billing::FormatDollars(bought->balance_after)},
              {"currency", "USD"}};
  if (bought->credited) {
    out["message"] =
        "Purchase successful: " + std::to_string(bought->pack.credits()) + " credits added.";
    return Response::Json(200, out);
  }
  if (status == "processing") {
    out["message"] = "Stripe is processing the payment; the credits are added when it succeeds.";
    return Response::Json(202, out);
  }
  // requires_action (3-D Secure), requires_payment_method (declined): nothing was charged.
  out["error"] = "The payment was not completed (Stripe status " + status +
                 "); confirm it with the client_secret or use another card.";
  out["errors"] = json::object();
  out["client_secret"] = bought->intent.client_secret;
  return Response::Json(402, out);
}

Response CreateIntent(const ApiContext& ctx, const Request& req, const Caller& caller) {
  if (auto denied = RequireUserToken(caller)) return *denied;
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto pack = ReadPackOrAmount(*body, &v);
  auto card = v.String(*body, "payment_method_id", "payment_method_id", false, 0, 255);
  auto return_url = v.Url(*body, "return_url", "return_url", false);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto intent = ctx.payments->CreatePaymentIntent(caller.principal.account, *pack,
                                                  card.value_or(""), return_url.value_or(""));
  if (!intent.ok()) return PaymentError(intent.error());
  // The client secret confirms this one payment; it is not a credential to keep or replay.
  return Response::Secret(200, {{"success", true},
                                {"payment_intent_id", intent->id},
                                {"client_secret", intent->client_secret},
                                {"status", intent->status},
                                {"amount", Dollars(pack->price_cents)},
                                {"credits", pack->credits()},
                                {"pack", CreditPackJson(*pack)},
                                {"currency", "USD"},
                                {"message",
                                 "Confirm the payment with the client_secret (Stripe.js); the "
                                 "credits are added when Stripe reports it paid."}});
}

}  // namespace

void AddPaymentRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"POST", "/api/v1/credits/purchase", Bind(ctx, Purchase), true, "user",
               /*slow: calls Stripe*/ true});
  router->Add({"POST", "/api/v1/credits/payment-intent", Bind(ctx, CreateIntent), true, "user",
               /*slow: calls Stripe*/ true});
}

}  // namespace shortlist::api
