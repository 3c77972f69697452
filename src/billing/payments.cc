#include "billing/payments.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "billing/stripe_signature.h"
#include "common/crypto.h"
#include "common/json_parse.h"

namespace shortlist::billing {
namespace {

using nlohmann::json;

constexpr const char* kPurpose = "purchase";

std::string Str(const json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

std::int64_t Int(const json& obj, const char* key) {
  if (!obj.is_object()) return 0;
  auto it = obj.find(key);
  return it != obj.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

CreditPack CustomPack(std::int64_t cents) {
  CreditPack pack;
  pack.id = "custom";
  pack.name = FormatDollars(cents) + " of credits";
  pack.price_cents = cents;
  pack.base_credits = cents;  // $0.01 a credit, no bonus
  return pack;
}

// The ledger rows a paid pack adds: the purchase, and its bonus apart.
std::vector<store::CreditLine> Lines(const CreditPack& pack, const std::string& how) {
  std::vector<store::CreditLine> lines = {
      {"purchase", pack.base_credits,
       (pack.id == "custom" ? pack.name
                            : pack.name + " pack (" + FormatDollars(pack.price_cents) + ")") +
           " " + how}};
  if (pack.bonus_credits > 0) {
    lines.push_back({"bonus", pack.bonus_credits,
                     pack.name + " pack bonus (+" + std::to_string(pack.bonus_percent()) + "%)"});
  }
  return lines;
}

Error Unavailable() {
  return Error::Make("unavailable",
                     "Payments are not configured on this server (no Stripe secret key). An "
                     "administrator can add credits with `shortlist credits grant`.");
}

}  // namespace

Result<CreditPack> PackForAmount(double dollars) {
  const double cents = dollars * 100.0;
  if (!std::isfinite(cents) || std::fabs(cents - std::round(cents)) > 1e-6) {
    return Error::Make("invalid", "The amount must be in dollars and whole cents.", "amount");
  }
  const std::int64_t whole = static_cast<std::int64_t>(std::llround(cents));
  if (whole < kMinPurchaseCents || whole > kMaxPurchaseCents) {
    return Error::Make("invalid", "The amount must be between 5 and 10000 dollars.", "amount");
  }
  for (const CreditPack& pack : CreditPacks()) {
    if (pack.price_cents == whole) return pack;
  }
  return CustomPack(whole);
}

Result<CreditPack> ChoosePack(const std::string* pack_name, const double* amount_dollars) {
  if (pack_name != nullptr && amount_dollars != nullptr) {
    return Error::Make("invalid", "Send either pack or amount, not both.", "amount");
  }
  if (pack_name != nullptr) {
    if (auto pack = FindPack(*pack_name)) return *pack;
    return Error::Make("invalid", "The selected pack is invalid: use pouch, satchel or chest.",
                       "pack");
  }
  if (amount_dollars != nullptr) return PackForAmount(*amount_dollars);
  return Error::Make("invalid", "The pack field is required when amount is not present.", "pack");
}

Result<CreditTotals> Totals(store::BillingStore& store, std::int64_t account_id,
                            std::int64_t balance_credits) {
  CreditTotals totals;
  for (const char* kind : {"purchase", "bonus", "grant"}) {
    store::LedgerFilter filter;
    filter.kind = kind;
    filter.limit = 100;
    for (int page = 0; page < 1000; ++page) {  // at most 100,000 top-ups of a kind are read
      filter.offset = page * filter.limit;
      int total = 0;
      auto rows = store.ListLedger(account_id, filter, &total);
      if (!rows.ok()) return rows.error();
      for (const auto& row : *rows) {
        totals.added_credits += row.credits;
        if (row.kind == "purchase") totals.purchased_cents += row.credits;
      }
      if (static_cast<int>(rows->size()) < filter.limit) break;
    }
  }
  totals.spent_credits = totals.added_credits - balance_credits;
  return totals;
}

Payments::Payments(BillingService& billing, const StripeClient* stripe)
    : billing_(billing), stripe_(stripe) {}

Result<PaymentMethod> Payments::Card(std::int64_t account_id,
                                     const std::string& payment_method_id) const {
  if (!configured()) return Unavailable();
  auto card = stripe_->GetPaymentMethod(payment_method_id);
  if (!card.ok() && card.error().code == "invalid") {
    return Error::Make("invalid", "The payment_method_id must be a Stripe payment method (pm_...).",
                       "payment_method_id");
  }
  if (!card.ok()) return card.error();
  // Every account shares the server's Stripe account, so a pm_ id alone proves nothing: only a
  // card of the customer this account's own checkout saved may be charged for it (another
  // account's card, or one saved to no customer, is refused like an unknown one).
  auto settings = billing_.store().GetAutoReload(account_id);
  if (!settings.ok()) return settings.error();
  if (card->customer_id.empty() || card->customer_id != settings->stripe_customer_id) {
    return Error::Make("invalid",
                       "This payment method is not a card saved to this account. Buy once with "
                       "checkout (which saves the card to the account), then use that card.",
                       "payment_method_id");
  }
  return card;
}

Result<PurchaseOutcome> Payments::Purchase(const model::Account& account, const CreditPack& pack,
                                           const std::string& payment_method_id,
                                           const std::string& client_key) {
  auto card = Card(account.id, payment_method_id);
  if (!card.ok()) return card.error();
  const std::string account_id = std::to_string(account.id);
  PaymentIntentRequest req;
  req.amount_cents = pack.price_cents;
  req.customer_id = card->customer_id;
  req.payment_method_id = card->id;
  req.confirm = true;
  req.off_session = true;
  req.description = "Shortlist credits: " + pack.name;
  req.metadata = {{"account_id", account_id},
                  {"purpose", kPurpose},
                  {"pack", pack.id},
                  {"credits", std::to_string(pack.credits())}};
  // One client retry = one payment: Stripe replays its first answer for the same key.
  req.idempotency_key = "shortlist-purchase-" + account_id + "-" +
                        (client_key.empty() ? RandomHex(16) : Sha256Hex(client_key).substr(0, 32));
  auto intent = stripe_->CreatePaymentIntent(req);
  if (!intent.ok()) return intent.error();
  PurchaseOutcome out{*intent, pack, false, 0};
  if (intent->status == "succeeded") {
    store::CreditRequest credit;
    credit.account_id = account.id;
    credit.lines = Lines(pack, "bought with a saved card");
    credit.reference = intent->id;  // once per payment, whoever credits it first
    credit.amount_cents = pack.price_cents;
    credit.now_ms = billing_.clock().NowMillis();
    auto applied = billing_.store().AddCredits(credit);
    if (!applied.ok()) return applied.error();
    out.credited = true;
  }
  auto balance = billing_.store().GetBalance(account.id);
  if (!balance.ok()) return balance.error();
  out.balance_after = balance->credits;
  return out;
}

Result<PaymentIntent> Payments::CreatePaymentIntent(const model::Account& account,
                                                    const CreditPack& pack,
                                                    const std::string& payment_method_id,
                                                    const std::string& return_url) {
  if (!configured()) return Unavailable();
  PaymentIntentRequest req;
  if (!payment_method_id.empty()) {
    auto card = Card(account.id, payment_method_id);
    if (!card.ok()) return card.error();
    req.customer_id = card->customer_id;
    req.payment_method_id = card->id;
    req.confirm = !return_url.empty();
    req.return_url = return_url;
  }
  req.amount_cents = pack.price_cents;
  req.description = "Shortlist credits: " + pack.name;
  req.metadata = {{"account_id", std::to_string(account.id)},
                  {"purpose", kPurpose},
                  {"pack", pack.id},
                  {"credits", std::to_string(pack.credits())}};
  return stripe_->CreatePaymentIntent(req);
}

Status Payments::SaveReloadCard(std::int64_t account_id, const std::string& payment_method_id) {
  auto card = Card(account_id, payment_method_id);
  if (!card.ok()) return card.error();
  return billing_.store().SaveReloadPaymentMethod(account_id, card->customer_id, card->id,
                                                  billing_.clock().NowMillis());
}

Result<StripeWebhookResult> Payments::HandleStripeWebhook(std::string_view signature_header,
                                                          std::string_view payload) {
  if (stripe_ == nullptr || stripe_->config().webhook_secret.empty()) {
    return billing_.HandleStripeWebhook(signature_header, payload);  // answers "unavailable"
  }
  const std::int64_t now = billing_.clock().NowMillis();
  Status verified = VerifyStripeSignature(signature_header, payload,
                                          stripe_->config().webhook_secret, now / 1000);
  if (!verified.ok()) return verified.error();
  const json event = ParseJsonOrDiscarded(payload);
  const json object = event.is_object() && event.contains("data") && event["data"].is_object()
                          ? event["data"].value("object", json::object())
                          : json::object();
  const json metadata = object.value("metadata", json::object());
  const std::string type = Str(event, "type");
  const bool purchase = type == "payment_intent.succeeded" && Str(metadata, "purpose") == kPurpose;
  const bool custom_checkout = (type == "checkout.session.completed" ||
                                type == "checkout.session.async_payment_succeeded") &&
                               Str(metadata, "pack") == "custom";
  if (!purchase && !custom_checkout) return billing_.HandleStripeWebhook(signature_header, payload);
  if (custom_checkout && type == "checkout.session.completed" &&
      Str(object, "payment_status") != "paid") {
    return StripeWebhookResult{Str(event, "id"), type, false, 0};  // paid later, asynchronously
  }
  std::int64_t account_id = 0;
  try {
    account_id = std::stoll(Str(metadata, "account_id"));
  } catch (...) {
    account_id = 0;
  }
  // Custom amounts are credited by what Stripe collected, never by what metadata claims.
  auto pack = FindPack(Str(metadata, "pack"));
  const std::int64_t paid =
      custom_checkout ? Int(object, "amount_total") : Int(object, "amount_received");
  if (!pack) pack = CustomPack(paid > 0 ? paid : Int(object, "amount"));
  if (paid > 0 && paid < pack->price_cents) {  // a pack is credited only when paid in full
    return Error::Make("bad_request", "The payment collected less than the pack's price.");
  }
  if (Str(event, "id").empty() || account_id <= 0 || pack->credits() <= 0) {
    return Error::Make("bad_request", "The payment has no account_id, pack or amount.");
  }
  store::CreditRequest credit;
  credit.account_id = account_id;
  credit.lines = Lines(*pack, custom_checkout ? "bought with Stripe Checkout" : "bought");
  credit.reference = Str(object, "id");
  credit.stripe_event_id = Str(event, "id");
  credit.amount_cents = pack->price_cents;
  credit.now_ms = now;
  auto applied = billing_.store().AddCredits(credit);
  if (!applied.ok()) return applied.error();
  return StripeWebhookResult{Str(event, "id"), type, !applied->applied,
                             applied->applied ? pack->credits() : 0};
}

}  // namespace shortlist::billing
