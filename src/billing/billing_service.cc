#include "billing/billing_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "billing/stripe_signature.h"
#include "billing/usage_events.h"
#include "common/crypto.h"
#include "common/json_parse.h"
#include "common/log.h"
#include "webhooks/event_capture.h"

namespace shortlist::billing {
namespace {

using Refusal = store::ChargeOutcome::Refusal;
using nlohmann::json;

long long LL(std::int64_t v) { return static_cast<long long>(v); }

std::string LimitMessage(const store::ChargeOutcome& o, std::int64_t credits) {
  const char* period = "daily";
  std::int64_t limit = 0, spent = 0;
  const char* reset = " (resets at 00:00 UTC)";
  switch (o.refusal) {
    case Refusal::kDailyLimit:
      limit = *o.limits.daily;
      spent = o.spend_before.today;
      break;
    case Refusal::kMonthlyLimit:
      period = "monthly";
      limit = *o.limits.monthly;
      spent = o.spend_before.this_month;
      reset = " (resets on the 1st, 00:00 UTC)";
      break;
    default:
      period = "lifetime";
      limit = *o.limits.lifetime;
      spent = o.spend_before.lifetime;
      reset = "";
      break;
  }
  std::int64_t left = std::max<std::int64_t>(0, limit - spent);
  return "Spend limit exceeded: this job costs " + FormatDollars(credits) + " (" +
         std::to_string(credits) + " credits) but agent key '" + o.agent_key_name + "' has " +
         FormatDollars(left) + " left of its " + period + " spend limit of " +
         FormatDollars(limit) + reset + ".";
}

// A string member of a JSON object, or "".
std::string Str(const json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<store::CreditLine> PackLines(const CreditPack& pack, const std::string& how) {
  std::vector<store::CreditLine> lines = {
      {"purchase", pack.base_credits,
       pack.name + " pack (" + FormatDollars(pack.price_cents) + ") " + how}};
  if (pack.bonus_credits > 0) {
    lines.push_back({"bonus", pack.bonus_credits,
                     pack.name + " pack bonus (+" + std::to_string(pack.bonus_percent()) + "%)"});
  }
  return lines;
}

}  // namespace

std::string NewAgentKeyValue() { return "sl_agent_" + RandomHex(20); }

std::string AgentKeyPrefix(const std::string& key) { return key.substr(0, 15); }

BillingService::BillingService(store::BillingStore& store, const Clock& clock,
                               BillingOptions options, const StripeClient* stripe,
                               webhooks::EventSink* events)
    : store_(store), clock_(clock), options_(options), stripe_(stripe), events_(events) {}

Result<model::Principal> BillingService::AuthenticateAgentKey(const std::string& key_hash) {
  auto found = store_.AuthenticateAgentKey(key_hash, clock_.NowMillis());
  if (!found.ok()) return found.error();
  model::Principal p;
  p.account = found->first;
  p.agent_key_id = found->second.id;
  p.agent_key_name = found->second.name;
  p.permissions = found->second.permissions;
  return p;
}

Result<Charge> BillingService::ChargeForJob(const model::Principal& caller, int credits,
                                            std::string_view description) {
  if (credits <= 0) return Charge{};
  store::ChargeRequest req;
  req.account_id = caller.account.id;
  req.agent_key_id = caller.agent_key_id;
  req.credits = credits;
  req.description = std::string(description);
  req.enforce_balance = options_.enforce_balance;
  req.now_ms = clock_.NowMillis();
  // The usage events (low balance, spend limit reached, ...) are written in the charge's own
  // transaction, so a crash never leaves a charge unannounced or an announced charge undone.
  std::optional<store::UsageWebhookConfig> usage_webhook;
  if (events_) {
    if (auto config = store_.GetUsageWebhook(caller.account.id);
        config.ok() && !config->url.empty()) {
      usage_webhook = *config;
    }
  }
  model::OutboxFor<store::ChargeOutcome> announce;
  if (usage_webhook) {
    announce = [&](const store::ChargeOutcome& charged) {
      return UsageDeliveries(caller, credits, charged, *usage_webhook);
    };
  }
  auto outcome = store_.Charge(req, announce);
  if (!outcome.ok()) {
    if (outcome.error().code == "not_found") {
      return Error::Make("unauthorized", "This agent key has been revoked.");
    }
    return outcome.error();
  }
  if (usage_webhook) events_->CapturedWritten();
  switch (outcome->refusal) {
    case Refusal::kNone:
      break;
    case Refusal::kInsufficientCredits:
      return Error::Make(
          "insufficient_credits",
          "Insufficient credits: this job needs " + std::to_string(credits) + " credits (" +
              FormatDollars(credits) + ") and the balance is " +
              FormatDollars(outcome->balance_before.credits) +
              ". Buy a credit pack (POST /api/v1/credits/checkout) or ask an administrator to "
              "grant credits.");
    default:
      return Error::Make("spend_limit_exceeded", LimitMessage(*outcome, credits));
  }
  const std::int64_t account_id = caller.account.id;
  const std::int64_t threshold =
      LowBalanceThreshold(outcome->balance_before.largest_purchase_cents);
  if (!reload_pool_) {
    MaybeAutoReload(account_id, threshold);
  } else if (payments_configured()) {
    // A full pool drops the task: the store's claim was not taken, so the next charge retries.
    reload_pool_->TrySubmit(
        [this, account_id, threshold] { MaybeAutoReload(account_id, threshold); });
  }
  return Charge{outcome->entry_id, credits};
}

Status BillingService::AttachJob(std::int64_t charge_id, std::int64_t job_id) {
  if (charge_id == 0) return OkStatus();
  return store_.AttachJob(charge_id, job_id);
}

Status BillingService::RefundJob(std::int64_t job_id, int credits, std::string_view reason) {
  if (credits <= 0) return OkStatus();
  auto r = store_.RefundJob(job_id, credits, std::string(reason), clock_.NowMillis());
  if (!r.ok() && r.error().code == "not_found") return OkStatus();  // nothing was charged
  if (!r.ok()) return r.error();
  return OkStatus();
}

Status BillingService::RefundCharge(std::int64_t charge_id, std::string_view reason) {
  if (charge_id == 0) return OkStatus();
  auto r = store_.RefundCharge(charge_id, std::string(reason), clock_.NowMillis());
  if (!r.ok()) return r.error();
  return OkStatus();
}

std::vector<model::NewWebhookDelivery> BillingService::UsageDeliveries(
    const model::Principal& caller, std::int64_t credits, const store::ChargeOutcome& outcome,
    const store::UsageWebhookConfig& config) {
  webhooks::EventCapture capture;  // the sink builds each delivery; the charge writes them
  ChargeContext ctx{caller.account.id, caller.agent_key_id, credits, clock_.NowMillis()};
  for (const auto& event : UsageEventsForCharge(ctx, outcome, config)) {
    Status s = events_->Publish(event);
    if (!s.ok()) {
      Log(LogLevel::kWarn, "usage webhook not recorded",
          {{"type", event.type}, {"error", s.error().message}});
    }
  }
  return capture.Take();
}

Result<store::CreditOutcome> BillingService::Grant(std::int64_t account_id, std::int64_t credits,
                                                   const std::string& note) {
  if (credits <= 0) return Error::Make("invalid", "credits must be a positive number", "credits");
  store::CreditRequest req;
  req.account_id = account_id;
  req.lines = {{"grant", credits, note.empty() ? "Credits granted by an administrator" : note}};
  req.now_ms = clock_.NowMillis();
  return store_.AddCredits(req);
}

Result<CheckoutSession> BillingService::Checkout(const model::Account& account,
                                                 const CreditPack& pack,
                                                 const std::string& success_url,
                                                 const std::string& cancel_url) {
  if (!payments_configured()) {
    return Error::Make("unavailable",
                       "Payments are not configured on this server (no Stripe secret key). An "
                       "administrator can add credits with `shortlist credits grant`.");
  }
  auto reload = store_.GetAutoReload(account.id);
  if (!reload.ok()) return reload.error();
  CheckoutRequest req;
  req.account_id = account.id;
  req.pack = pack;
  req.success_url = success_url;
  req.cancel_url = cancel_url;
  req.customer_email = account.email;
  // Auto-reload needs a card to charge later: save it when the account has asked for reloads.
  req.save_card = reload->enabled;
  return stripe_->CreateCheckoutSession(req);
}

Status BillingService::SetAutoReload(std::int64_t account_id, bool enabled,
                                     const std::string& pack_id) {
  return store_.SetAutoReload(account_id, enabled, pack_id, clock_.NowMillis());
}

bool BillingService::MaybeAutoReload(std::int64_t account_id, std::int64_t threshold_credits) {
  if (!payments_configured()) return false;
  const std::int64_t now = clock_.NowMillis();
  auto claimed =
      store_.ClaimReload(account_id, threshold_credits, now - options_.reload_stale_after_ms, now);
  if (!claimed.ok() || !*claimed) return false;
  auto settings = store_.GetAutoReload(account_id);
  if (!settings.ok()) return false;
  OffSessionPayment p;
  p.account_id = account_id;
  p.pack = FindPack(settings->pack).value_or(CreditPacks().front());
  p.customer_id = settings->stripe_customer_id;
  p.payment_method_id = settings->stripe_payment_method_id;
  // One key per claim: a retried request is the same payment to Stripe.
  p.idempotency_key = "shortlist-reload-" + std::to_string(account_id) + "-" + std::to_string(now);
  auto intent = stripe_->ChargeSavedCard(p);
  if (!intent.ok()) {
    Log(LogLevel::kWarn, "auto-reload payment failed",
        {{"account", LL(account_id)}, {"error", intent.error().message}});
    (void)store_.SettleReload(account_id);
    return false;
  }
  if (intent->status == "succeeded") {
    // Credit now; the payment_intent.succeeded webhook that follows finds the payment applied.
    store::CreditRequest req;
    req.account_id = account_id;
    req.lines = PackLines(p.pack, "auto-reload");
    req.reference = intent->id;
    req.amount_cents = p.pack.price_cents;
    req.now_ms = clock_.NowMillis();
    (void)store_.AddCredits(req);
    (void)store_.SettleReload(account_id);
  }
  Log(LogLevel::kInfo, "auto-reload started",
      {{"account", LL(account_id)}, {"payment_intent", intent->id}, {"status", intent->status}});
  return true;
}

Result<StripeWebhookResult> BillingService::HandleStripeWebhook(std::string_view signature_header,
                                                                std::string_view payload) {
  if (!stripe_ || stripe_->config().webhook_secret.empty()) {
    return Error::Make("unavailable",
                       "Stripe webhooks are not configured on this server (no webhook signing "
                       "secret).");
  }
  Status verified = VerifyStripeSignature(
      signature_header, payload, stripe_->config().webhook_secret, clock_.NowMillis() / 1000);
  if (!verified.ok()) return verified.error();
  return ApplyStripeEvent(std::string(payload));
}

Result<StripeWebhookResult> BillingService::ApplyStripeEvent(const std::string& payload) {
  json event = ParseJsonOrDiscarded(payload);
  if (!event.is_object()) return Error::Make("bad_request", "The event is not a JSON object.");
  StripeWebhookResult out;
  out.event_id = Str(event, "id");
  out.event_type = Str(event, "type");
  if (out.event_id.empty()) return Error::Make("bad_request", "The event has no id.");
  const json object = event.contains("data") && event["data"].is_object()
                          ? event["data"].value("object", json::object())
                          : json::object();
  const json metadata = object.value("metadata", json::object());
  std::int64_t account_id = 0;
  try {
    account_id = std::stoll(Str(metadata, "account_id"));
  } catch (...) {
    account_id = 0;
  }
  const std::int64_t now = clock_.NowMillis();

  auto credit = [&](const CreditPack& pack, const std::string& reference,
                    const std::string& how) -> Status {
    store::CreditRequest req;
    req.account_id = account_id;
    req.lines = PackLines(pack, how);
    req.reference = reference;
    req.stripe_event_id = out.event_id;
    req.amount_cents = pack.price_cents;
    req.now_ms = now;
    auto applied = store_.AddCredits(req);
    if (!applied.ok()) return applied.error();
    out.duplicate = !applied->applied;
    out.credited = applied->applied ? pack.credits() : 0;
    return OkStatus();
  };

  const bool checkout_paid = (out.event_type == "checkout.session.completed" &&
                              (Str(object, "payment_status") == "paid" ||
                               Str(object, "payment_status") == "no_payment_required")) ||
                             out.event_type == "checkout.session.async_payment_succeeded";
  if (checkout_paid) {
    auto pack = FindPack(Str(metadata, "pack"));
    if (account_id <= 0 || !pack) {
      return Error::Make("bad_request", "The checkout session has no account_id/pack metadata.");
    }
    Status s = credit(*pack, Str(object, "id"), "bought with Stripe Checkout");
    if (!s.ok()) return s.error();
    return out;
  }
  if (out.event_type == "payment_intent.succeeded" && account_id > 0) {
    const std::string purpose = Str(metadata, "purpose");
    if (purpose == "auto_reload") {
      auto pack = FindPack(Str(metadata, "pack"));
      if (!pack) return Error::Make("bad_request", "The payment has no pack metadata.");
      Status s = credit(*pack, Str(object, "id"), "auto-reload");
      if (!s.ok()) return s.error();
      (void)store_.SettleReload(account_id);
      return out;
    }
    if (purpose == "checkout" && !Str(object, "customer").empty() &&
        !Str(object, "payment_method").empty()) {
      // The card a checkout saved (setup_future_usage): what auto-reload will charge.
      auto fresh = store_.RecordStripeEvent(out.event_id, now);
      if (!fresh.ok()) return fresh.error();
      out.duplicate = !*fresh;
      if (*fresh) {
        Status s = store_.SaveReloadPaymentMethod(account_id, Str(object, "customer"),
                                                  Str(object, "payment_method"), now);
        if (!s.ok()) return s.error();
      }
      return out;
    }
  }
  if (out.event_type == "payment_intent.payment_failed" &&
      Str(metadata, "purpose") == "auto_reload" && account_id > 0) {
    Log(LogLevel::kWarn, "auto-reload payment failed", {{"account", LL(account_id)}});
    (void)store_.SettleReload(account_id);
  }
  return out;  // acknowledged, nothing to apply
}

Result<NewAgentKey> BillingService::CreateAgentKey(std::int64_t account_id, const std::string& name,
                                                   const std::vector<std::string>& permissions,
                                                   const store::SpendLimits& limits) {
  NewAgentKey out;
  out.key = NewAgentKeyValue();
  store::AgentKeyRecord rec;
  rec.account_id = account_id;
  rec.name = name;
  rec.prefix = AgentKeyPrefix(out.key);
  rec.permissions = permissions;
  rec.limits = limits;
  rec.created_at_ms = clock_.NowMillis();
  auto created = store_.CreateAgentKey(rec, Sha256Hex(out.key));
  if (!created.ok()) return created.error();
  out.record = *created;
  return out;
}

Result<NewAgentKey> BillingService::RegenerateAgentKey(std::int64_t account_id,
                                                       std::int64_t key_id) {
  NewAgentKey out;
  out.key = NewAgentKeyValue();
  auto rotated = store_.RotateAgentKey(account_id, key_id, Sha256Hex(out.key),
                                       AgentKeyPrefix(out.key), clock_.NowMillis());
  if (!rotated.ok()) return rotated.error();
  out.record = *rotated;
  return out;
}

}  // namespace shortlist::billing
