// Payments: the ways to buy credits that HireSquire's official clients use, beside the
// reference's Stripe Checkout (BillingService::Checkout):
//
//  - Purchase: a PaymentIntent for a pack or an amount, confirmed at once off-session with a
//    card the customer saved (`POST /api/v1/credits/purchase`). Stripe's Idempotency-Key is
//    derived from the client's Idempotency-Key, so a retried purchase is one payment, and the
//    credits are written with the PaymentIntent id as the ledger reference, so they are added
//    once however often the request (or the Stripe webhook for the same payment) arrives.
//  - CreatePaymentIntent: a PaymentIntent a browser confirms with its client_secret
//    (`POST /api/v1/credits/payment-intent`); the Stripe webhook credits it.
//  - Amounts: any whole-cent amount from $5 to $10,000. An amount equal to a pack's price buys
//    that pack (bonus included); any other buys amount x 100 credits (a "custom" purchase, no
//    bonus). Checkout takes amounts too (through BillingService::Checkout with a custom pack).
//  - HandleStripeWebhook: verifies the signature, credits the purchases made here
//    (payment_intent.succeeded with metadata purpose=purchase; custom-amount checkouts, credited
//    by the amount Stripe collected) and hands every other event to BillingService.
//  - Credit totals (bought, added, spent) for the balance answer, from the ledger's top-ups.
//
// Design note: this file only adds to billing; the ledger rules stay in the store and
// BillingService. Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "billing/billing_service.h"
#include "billing/packs.h"
#include "billing/stripe_client.h"
#include "common/result.h"
#include "model/account.h"

namespace shortlist::billing {

inline constexpr std::int64_t kMinPurchaseCents = 500;        // $5, the smallest pack
inline constexpr std::int64_t kMaxPurchaseCents = 1'000'000;  // $10,000 in one payment
inline constexpr std::int64_t kCreditsPerCandidate = 1;       // $0.01 screens one resume

// What `dollars` buys: the pack of that price, else a "custom" pack of dollars x 100 credits.
// "invalid" (field "amount") outside $5-$10,000 or for fractions of a cent.
Result<CreditPack> PackForAmount(double dollars);

// The pack named, or the pack an amount buys (exactly one of the two given); errors name the
// field ("pack" / "amount").
Result<CreditPack> ChoosePack(const std::string* pack_name, const double* amount_dollars);

struct CreditTotals {
  std::int64_t purchased_cents = 0;  // paid for credits (purchase rows; bonuses excluded)
  std::int64_t added_credits = 0;    // purchases, bonuses and grants together
  std::int64_t spent_credits = 0;    // charges net of refunds (= added - balance)
};
// Read from the ledger's top-up rows only (few), never from every charge.
Result<CreditTotals> Totals(store::BillingStore& store, std::int64_t account_id,
                            std::int64_t balance_credits);

struct PurchaseOutcome {
  PaymentIntent intent;
  CreditPack pack;
  bool credited = false;  // the credits are on the balance now (Stripe said succeeded)
  std::int64_t balance_after = 0;
};

class Payments {
 public:
  // `billing` must outlive this; `stripe` may be null (every payment: "unavailable").
  Payments(BillingService& billing, const StripeClient* stripe);

  bool configured() const { return stripe_ != nullptr && stripe_->configured(); }

  // Charges `payment_method_id` (pm_...) for `pack` now. `client_key` is the request's
  // Idempotency-Key ("" = a new purchase each call). Errors: "unavailable", "invalid" (field
  // payment_method_id), "stripe_error", "stripe_unreachable".
  Result<PurchaseOutcome> Purchase(const model::Account& account, const CreditPack& pack,
                                   const std::string& payment_method_id,
                                   const std::string& client_key);
  // A PaymentIntent for `pack` that the customer confirms (client_secret); credited by the
  // webhook. `payment_method_id` and `return_url` may be "" (return_url needs the method: the
  // intent is then confirmed at once and may redirect for 3-D Secure).
  Result<PaymentIntent> CreatePaymentIntent(const model::Account& account, const CreditPack& pack,
                                            const std::string& payment_method_id,
                                            const std::string& return_url);
  // Remembers `payment_method_id` as the card auto-reload charges. "invalid" (field
  // payment_method_id) unless it is a card of the account's own Stripe customer.
  Status SaveReloadCard(std::int64_t account_id, const std::string& payment_method_id);

  // See the file comment. Errors as BillingService::HandleStripeWebhook.
  Result<StripeWebhookResult> HandleStripeWebhook(std::string_view signature_header,
                                                  std::string_view payload);

 private:
  // The card `payment_method_id`, if it is saved to `account_id`'s Stripe customer (the one
  // its checkout saved); "invalid" (field payment_method_id) otherwise.
  Result<PaymentMethod> Card(std::int64_t account_id, const std::string& payment_method_id) const;

  BillingService& billing_;
  const StripeClient* stripe_;
};

}  // namespace shortlist::billing
