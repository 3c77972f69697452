// Prepaid credits (/api/v1/credits, seeds/jobs-api-reference.txt "Credit Endpoints"): balance,
// transactions (the ledger), packs, Stripe checkout, auto-reload, usage-webhook configuration,
// and the Stripe webhook receiver (POST /api/v1/credits/webhook/stripe, no token: Stripe's
// signature authenticates it).
//
// Amounts are dollars as JSON numbers (1 credit = $0.01) with the credit count beside them.
// Buying credits and changing billing settings need a user token: an agent key gets 403.
#pragma once

#include <optional>

#include "api/context.h"
#include "api/validation.h"
#include "billing/billing_service.h"
#include "http/router.h"

namespace shortlist::api {

// Adds the credit routes. `ctx` and `billing` must outlive the router.
void AddCreditsRoutes(const ApiContext& ctx, billing::BillingService& billing,
                      http::Router* router);

// The JSON of an account's credit status, shared with /schema/validate: balance, credits,
// formatted_balance, currency, is_low, low_balance_threshold, auto_reload_enabled,
// enforcement_enabled.
Result<nlohmann::json> CreditStatusJson(billing::BillingService& billing, std::int64_t account_id);

// 403 for an agent key on an endpoint that needs a user token; nullopt otherwise.
std::optional<http::Response> RequireUserToken(const http::Caller& caller);

// A pack (or a custom amount's pack) as the credit answers show it: id, name, price, credits...
nlohmann::json CreditPackJson(const billing::CreditPack& pack);
// The pack a body's `pack` or `amount` (dollars) buys; failures recorded on `v`.
std::optional<billing::CreditPack> ReadPackOrAmount(const nlohmann::json& body, Validator* v);
// A payment's error as an answer: Stripe refusing or unreachable 502, otherwise as
// http::ErrorResponse (no Stripe 503, a bad field 422 on it).
http::Response PaymentError(const Error& error);

}  // namespace shortlist::api
