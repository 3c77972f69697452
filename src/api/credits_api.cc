#include "api/credits_api.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "api/handler_support.h"
#include "api/validation.h"
#include "billing/payments.h"
#include "billing/usage_events.h"
#include "common/clock.h"

namespace shortlist::api {
namespace {

using billing::BillingService;
using billing::Dollars;
using billing::FormatDollars;
using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

using CreditsHandler = Response (*)(const ApiContext&, BillingService&, const Request&,
                                    const Caller&);

http::Handler BindCredits(const ApiContext& ctx, BillingService& billing, CreditsHandler fn) {
  return [&ctx, &billing, fn](const Request& req, const Caller* caller) {
    return fn(ctx, billing, req, *caller);
  };
}

// POST bodies that may be empty ("{}" assumed).
std::optional<json> ParseOptionalBody(const Request& req, Response* error) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  return ParseJsonObject(req.body, 422, error);
}

json PackJson(const billing::CreditPack& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"price", Dollars(p.price_cents)},
          {"formatted_price", FormatDollars(p.price_cents)},
          {"credits", p.credits()},
          {"base_credits", p.base_credits},
          {"bonus_credits", p.bonus_credits},
          {"bonus_percent", p.bonus_percent()},
          {"per_candidate", std::round(static_cast<double>(p.price_cents) /
                                       static_cast<double>(p.credits()) * 100.0) /
                                10000.0},
          {"currency", "USD"}};
}

json Nullable(std::int64_t v) { return v ? json(v) : json(nullptr); }

// `pack` (a pack's id or name) or `amount` (dollars; HireSquire's clients): the pack it buys
// (billing/payments.h). Failures are recorded on the field.
std::optional<billing::CreditPack> ReadPackOrAmountImpl(const json& body, Validator* v) {
  const bool has_amount = body.contains("amount") && !body["amount"].is_null();
  auto pack_name = v->String(body, "pack", "pack", !has_amount, 0, 64);
  std::optional<double> amount;
  if (has_amount) {
    if (body["amount"].is_number()) {
      amount = body["amount"].get<double>();
    } else {
      v->Fail("amount", "The amount field must be a number of dollars.");
    }
  }
  if (!v->ok()) return std::nullopt;
  auto pack = billing::ChoosePack(pack_name ? &*pack_name : nullptr, amount ? &*amount : nullptr);
  if (!pack.ok()) {
    v->Fail(pack.error().field, pack.error().message);
    return std::nullopt;
  }
  return *pack;
}

json EntryJson(const store::LedgerEntry& e) {
  return {{"id", e.id},
          {"type", e.kind},
          {"amount", Dollars(e.credits)},
          {"credits", e.credits},
          {"balance_after", Dollars(e.balance_after)},
          {"balance_after_credits", e.balance_after},
          {"description", e.description},
          {"job_id", Nullable(e.job_id)},
          {"agent_key_id", Nullable(e.agent_key_id)},
          {"reference", e.reference.empty() ? json(nullptr) : json(e.reference)},
          {"created_at", FormatIso8601(e.created_at_ms)}};
}

Response Balance(const ApiContext&, BillingService& billing, const Request&, const Caller& caller) {
  auto status = CreditStatusJson(billing, caller.principal.account.id);
  if (!status.ok()) return ErrorResponse(status.error());
  json out = *status;
  out["success"] = true;
  return Response::Json(200, out);
}

Response Transactions(const ApiContext&, BillingService& billing, const Request& req,
                      const Caller& caller) {
  Validator v;
  auto page = QueryInteger(req, "page", 1, 1000000, &v);
  auto limit = QueryInteger(req, "limit", 1, 100, &v);
  auto key = QueryInteger(req, "agent_key_id", 1, INT64_MAX, &v);
  store::LedgerFilter filter;
  if (auto type = req.Query("type"); type && !type->empty()) {
    static const char* kinds[] = {"charge", "refund", "purchase", "bonus", "grant"};
    if (std::none_of(std::begin(kinds), std::end(kinds),
                     [&](const char* k) { return *type == k; })) {
      v.Fail("type", "The selected type is invalid: use charge, refund, purchase, bonus or grant.");
    }
    filter.kind = *type;
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  filter.limit = static_cast<int>(limit.value_or(50));
  filter.offset = static_cast<int>((page.value_or(1) - 1) * filter.limit);
  filter.agent_key_id = key.value_or(0);
  // An agent key sees only its own charges and refunds.
  if (caller.principal.agent_key_id) filter.agent_key_id = caller.principal.agent_key_id;
  int total = 0;
  auto rows = billing.store().ListLedger(caller.principal.account.id, filter, &total);
  if (!rows.ok()) return ErrorResponse(rows.error());
  json list = json::array();
  for (const auto& e : *rows) list.push_back(EntryJson(e));
  return Response::Json(200,
                        {{"success", true},
                         {"transactions", list},
                         {"total", total},
                         {"per_page", filter.limit},
                         {"current_page", page.value_or(1)},
                         {"last_page", std::max(1, (total + filter.limit - 1) / filter.limit)}});
}

Response Packs(const ApiContext&, BillingService& billing, const Request&, const Caller&) {
  json packs = json::array();
  for (const auto& p : billing::CreditPacks()) packs.push_back(PackJson(p));
  return Response::Json(200, {{"success", true},
                              {"packs", packs},
                              {"currency", "USD"},
                              {"credit_value", 0.01},
                              {"checkout_available", billing.payments_configured()}});
}

// GET /api/v1/credits/estimate?candidate_count=N: what screening N resumes costs here.
Response Estimate(const ApiContext&, BillingService& billing, const Request& req,
                  const Caller& caller) {
  Validator v;
  auto count = QueryInteger(req, "candidate_count", 1, 1'000'000, &v);
  if (v.ok() && !count) v.Fail("candidate_count", "The candidate_count parameter is required.");
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  const std::int64_t credits = *count * billing::kCreditsPerCandidate;
  auto balance = billing.store().GetBalance(caller.principal.account.id);
  if (!balance.ok()) return ErrorResponse(balance.error());
  return Response::Json(200, {{"success", true},
                              {"candidate_count", *count},
                              {"cost_per_candidate", Dollars(billing::kCreditsPerCandidate)},
                              {"total_cost", Dollars(credits)},
                              {"currency", "USD"},
                              {"credits", credits},
                              {"balance", Dollars(balance->credits)},
                              {"sufficient_balance", balance->credits >= credits}});
}

Response Checkout(const ApiContext& ctx, BillingService& billing, const Request& req,
                  const Caller& caller) {
  if (auto denied = RequireUserToken(caller)) return *denied;
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  std::optional<billing::CreditPack> pack = ReadPackOrAmountImpl(*body, &v);
  auto success_url = v.Url(*body, "success_url", "success_url", false);
  auto cancel_url = v.Url(*body, "cancel_url", "cancel_url", false);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  const std::string base = BaseUrl(ctx, req);
  auto session = billing.Checkout(
      caller.principal.account, *pack,
      success_url.value_or(base + "/?checkout=success&session_id={CHECKOUT_SESSION_ID}"),
      cancel_url.value_or(base + "/?checkout=cancelled"));
  if (!session.ok()) {
    const auto& e = session.error();
    if (e.code == "stripe_error" || e.code == "stripe_unreachable") {
      return ErrorResponse(502, e.message);
    }
    return ErrorResponse(e);
  }
  json out = {{"success", true},
              {"checkout_url", session->url},
              {"session_id", session->id},
              {"pack", PackJson(*pack)},
              {"amount", Dollars(pack->price_cents)},
              {"credits", pack->credits()}};
  out["expires_at"] =
      session->expires_at ? json(FormatIso8601(session->expires_at * 1000)) : json(nullptr);
  return Response::Json(200, out);
}

// Stripe's failures as answers: no Stripe 503, Stripe refusing or unreachable 502, a bad field
// 422 on it.
Response PaymentErrorImpl(const Error& e) {
  if (e.code == "stripe_error" || e.code == "stripe_unreachable")
    return ErrorResponse(502, e.message);
  return ErrorResponse(e);
}

// {pack} or HireSquire's {threshold, amount, payment_method_id} (dollars). Auto-reload buys a
// pack, so an amount must be a pack's price; the reload fires below the reference's threshold
// (max($1, 5% of the largest purchase)), which the answer states beside what was asked.
Response AutoReload(const ApiContext& ctx, BillingService& billing, const Request& req,
                    const Caller& caller, bool enable) {
  if (auto denied = RequireUserToken(caller)) return *denied;
  Response error;
  auto body = ParseOptionalBody(req, &error);
  if (!body) return error;
  const std::int64_t account = caller.principal.account.id;
  auto current = billing.store().GetAutoReload(account);
  if (!current.ok()) return ErrorResponse(current.error());
  std::string pack = current->pack;
  std::optional<double> requested_threshold;
  std::optional<std::string> card;
  if (enable) {
    Validator v;
    if (body->contains("pack") || body->contains("amount")) {
      if (auto chosen = ReadPackOrAmountImpl(*body, &v)) {
        if (chosen->id == "custom") {
          v.Fail("amount", "Auto-reload buys a credit pack: the amount must be 5, 25 or 100.");
        } else {
          pack = chosen->id;
        }
      }
    }
    if (auto t = body->find("threshold"); t != body->end() && !t->is_null()) {
      if (!t->is_number() || t->get<double>() < 0 || t->get<double>() > 10000) {
        v.Fail("threshold", "The threshold field must be a number of dollars from 0 to 10000.");
      } else {
        requested_threshold = t->get<double>();
      }
    }
    card = v.String(*body, "payment_method_id", "payment_method_id", false, 0, 255);
    if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
    if (card) {
      if (ctx.payments == nullptr) return ErrorResponse(503, "Payments are not configured.");
      if (Status saved = ctx.payments->SaveReloadCard(account, *card); !saved.ok()) {
        return PaymentErrorImpl(saved.error());
      }
    }
  }
  Status set = billing.SetAutoReload(account, enable, pack);
  if (!set.ok()) return ErrorResponse(set.error());
  auto status = CreditStatusJson(billing, account);
  if (!status.ok()) return ErrorResponse(status.error());
  const bool card_saved = card || !current->stripe_payment_method_id.empty();
  const billing::CreditPack chosen = *billing::FindPack(pack);
  json out = {{"success", true},
              {"auto_reload_enabled", enable},
              {"pack", PackJson(chosen)},
              {"threshold", (*status)["low_balance_threshold"]},
              {"payment_method_saved", card_saved},
              {"auto_reload",
               {{"enabled", enable},
                {"threshold", (*status)["low_balance_threshold"]},
                {"amount", Dollars(chosen.price_cents)},
                {"pack", chosen.id},
                {"credits", chosen.credits()},
                {"payment_method_saved", card_saved},
                {"requested_threshold",
                 requested_threshold ? json(*requested_threshold) : json(nullptr)}}}};
  if (!enable) {
    out["message"] = "Auto-reload disabled.";
  } else if (!card_saved) {
    out["message"] =
        "Auto-reload enabled. Complete one checkout (POST /api/v1/credits/checkout) or send a "
        "payment_method_id to save the card it will charge.";
  } else {
    out["message"] = "Auto-reload enabled.";
  }
  if (enable && requested_threshold) {
    out["message"] =
        out["message"].get<std::string>() + " It reloads when the balance falls below " +
        FormatDollars(std::llround((*status)["low_balance_threshold"].get<double>() * 100)) +
        " (the larger of $1 and 5% of the largest purchase), whatever threshold "
        "is asked.";
  }
  return Response::Json(200, out);
}

Response EnableAutoReload(const ApiContext& ctx, BillingService& billing, const Request& req,
                          const Caller& caller) {
  return AutoReload(ctx, billing, req, caller, true);
}

Response DisableAutoReload(const ApiContext& ctx, BillingService& billing, const Request& req,
                           const Caller& caller) {
  return AutoReload(ctx, billing, req, caller, false);
}

json WebhookConfigJson(const store::UsageWebhookConfig& c) {
  json events = json::array();
  if (c.events.empty()) {
    for (const char* e : billing::kUsageEventNames) events.push_back(e);
  } else {
    for (const auto& e : c.events) events.push_back(e);
  }
  return {{"webhook_url", c.url.empty() ? json(nullptr) : json(c.url)},
          {"enabled", !c.url.empty()},
          {"events", events},
          {"threshold_percent", c.threshold_percent}};
}

Response ConfigureWebhook(const ApiContext& ctx, BillingService& billing, const Request& req,
                          const Caller& caller) {
  if (auto denied = RequireUserToken(caller)) return *denied;
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  const char* url_key = body->contains("webhook_url") ? "webhook_url" : "url";
  if (!body->contains("url") && !body->contains("webhook_url")) {
    v.Fail("url", "The url field is required (null disables usage webhooks).");
  }
  auto url = v.Url(*body, url_key, url_key, false);
  auto percent = v.Integer(*body, "threshold_percent", "threshold_percent", false, 1, 100);
  store::UsageWebhookConfig config;
  config.url = url.value_or("");
  config.threshold_percent = static_cast<int>(percent.value_or(80));
  config.updated_at_ms = ctx.clock->NowMillis();
  auto events = body->find("events");
  if (events != body->end() && !events->is_null()) {
    if (!events->is_array()) {
      v.Fail("events", "The events field must be an array.");
    } else {
      for (std::size_t i = 0; i < events->size(); ++i) {
        const json& e = (*events)[i];
        std::string name = e.is_string() ? billing::CanonicalUsageEvent(e.get<std::string>()) : "";
        if (name.empty()) {
          v.Fail("events." + std::to_string(i),
                 "The selected events." + std::to_string(i) +
                     " is invalid: use agent.usage_threshold_reached, daily_limit, "
                     "monthly_limit, low_balance or credits_exhausted.");
        } else if (std::find(config.events.begin(), config.events.end(), name) ==
                   config.events.end()) {
          config.events.push_back(name);
        }
      }
    }
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  Status set = billing.store().SetUsageWebhook(caller.principal.account.id, config);
  if (!set.ok()) return ErrorResponse(set.error());
  json out = WebhookConfigJson(config);
  out["success"] = true;
  out["message"] = config.url.empty() ? "Usage webhooks disabled." : "Usage webhooks configured.";
  return Response::Json(200, out);
}

Response GetWebhookConfig(const ApiContext&, BillingService& billing, const Request&,
                          const Caller& caller) {
  auto config = billing.store().GetUsageWebhook(caller.principal.account.id);
  if (!config.ok()) return ErrorResponse(config.error());
  json out = WebhookConfigJson(*config);
  out["success"] = true;
  return Response::Json(200, out);
}

}  // namespace

std::optional<http::Response> RequireUserToken(const http::Caller& caller) {
  if (caller.principal.agent_key_id == 0) return std::nullopt;
  return ErrorResponse(403,
                       "This endpoint needs a user API token; agent keys cannot manage billing or "
                       "agent keys.");
}

json CreditPackJson(const billing::CreditPack& pack) { return PackJson(pack); }

std::optional<billing::CreditPack> ReadPackOrAmount(const json& body, Validator* v) {
  return ReadPackOrAmountImpl(body, v);
}

Response PaymentError(const Error& error) { return PaymentErrorImpl(error); }

Result<json> CreditStatusJson(BillingService& billing, std::int64_t account_id) {
  auto balance = billing.store().GetBalance(account_id);
  if (!balance.ok()) return balance.error();
  auto reload = billing.store().GetAutoReload(account_id);
  if (!reload.ok()) return reload.error();
  auto totals = billing::Totals(billing.store(), account_id, balance->credits);
  if (!totals.ok()) return totals.error();
  const std::int64_t threshold = billing::LowBalanceThreshold(balance->largest_purchase_cents);
  const auto reload_pack = billing::FindPack(reload->pack);
  auto when_enabled = [&](const json& value) { return reload->enabled ? value : json(nullptr); };
  return json{{"balance", Dollars(balance->credits)},
              {"credits", balance->credits},
              {"formatted_balance", FormatDollars(balance->credits)},
              {"currency", "USD"},
              {"is_low", balance->credits < threshold},
              {"low_balance_threshold", Dollars(threshold)},
              {"total_purchased", Dollars(totals->purchased_cents)},
              {"total_spent", Dollars(totals->spent_credits)},
              {"auto_reload_enabled", reload->enabled},
              {"auto_reload_pack", reload->pack},
              {"auto_reload_threshold", when_enabled(Dollars(threshold))},
              {"auto_reload_amount",
               when_enabled(reload_pack ? json(Dollars(reload_pack->price_cents)) : json(nullptr))},
              {"enforcement_enabled", billing.enforce_balance()}};
}

void AddCreditsRoutes(const ApiContext& ctx, BillingService& billing, http::Router* router) {
  auto add = [&](const char* method, const char* path, CreditsHandler fn, const char* perm,
                 bool slow = false) {
    router->Add({method, path, BindCredits(ctx, billing, fn), true, perm, slow});
  };
  add("GET", "/api/v1/credits/balance", Balance, "read");
  add("GET", "/api/v1/credits/transactions", Transactions, "read");
  add("GET", "/api/v1/credits/packs", Packs, "read");
  add("GET", "/api/v1/credits/estimate", Estimate, "read");
  add("POST", "/api/v1/credits/checkout", Checkout, "user", /*slow: calls Stripe*/ true);
  add("POST", "/api/v1/credits/auto-reload/enable", EnableAutoReload, "user");
  add("POST", "/api/v1/credits/auto-reload/disable", DisableAutoReload, "user");
  add("POST", "/api/v1/credits/webhook/configure", ConfigureWebhook, "user");
  add("GET", "/api/v1/credits/webhook", GetWebhookConfig, "read");
  router->Add({"POST", "/api/v1/credits/webhook/stripe",
               [&ctx, &billing](const Request& req, const Caller*) {
                 // Payments credits the purchases it made and hands the rest to billing.
                 auto result =
                     ctx.payments != nullptr
                         ? ctx.payments->HandleStripeWebhook(req.Header("stripe-signature"),
                                                             req.body)
                         : billing.HandleStripeWebhook(req.Header("stripe-signature"), req.body);
                 if (!result.ok()) return ErrorResponse(result.error());
                 return Response::Json(200, {{"received", true},
                                             {"event_id", result->event_id},
                                             {"type", result->event_type},
                                             {"credited", result->credited},
                                             {"duplicate", result->duplicate}});
               },
               false, ""});
}

}  // namespace shortlist::api
