// A minimal client for the two Stripe API calls billing makes, over net::HttpClient (so the
// SSRF guard and timeouts apply, and tests point `api_base` at a local stand-in):
//
//  - POST /v1/checkout/sessions: a hosted payment page for one credit pack (mode=payment, one
//    line item with inline price_data). metadata carries account_id and pack, which the
//    checkout.session.completed webhook brings back. When `save_card` is set the session also
//    creates a Customer and saves the card for off-session use (auto-reload); the
//    PaymentIntent it creates carries metadata purpose=checkout so its payment_intent.succeeded
//    event tells us the customer and card.
//  - POST /v1/payment_intents: an off-session, confirmed charge of a saved card (auto-reload),
//    with metadata purpose=auto_reload and an Idempotency-Key so a retried request never
//    charges twice; and (CreatePaymentIntent) the direct purchases of billing/payments.h.
//  - GET /v1/payment_methods/{id}: the customer a saved card belongs to.
//
// Requests are form-encoded with "Authorization: Bearer <secret key>", as Stripe's API wants.
// Thread-safe (stateless beyond the configuration).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "billing/packs.h"
#include "common/result.h"
#include "net/http_client.h"

namespace shortlist::billing {

struct StripeConfig {
  std::string secret_key;                           // "" = Stripe not configured
  std::string webhook_secret;                       // the endpoint's signing secret (whsec_...)
  std::string api_base = "https://api.stripe.com";  // no trailing slash
};

struct CheckoutRequest {
  std::int64_t account_id = 0;
  CreditPack pack;
  std::string success_url;
  std::string cancel_url;
  std::string customer_email;  // prefilled on the page; "" = none
  bool save_card = false;
};

struct CheckoutSession {
  std::string id;               // cs_...
  std::string url;              // where to send the customer
  std::int64_t expires_at = 0;  // Unix seconds; 0 if Stripe did not say
};

struct OffSessionPayment {
  std::int64_t account_id = 0;
  CreditPack pack;
  std::string customer_id;
  std::string payment_method_id;
  std::string idempotency_key;
};

struct PaymentIntent {
  std::string id;             // pi_...
  std::string status;         // "succeeded", "processing", "requires_action", ...
  std::string client_secret;  // for Stripe.js to confirm it in a browser ("" if not given)
};

// A PaymentIntent of any purpose (CreatePaymentIntent): a direct purchase with a saved card
// (confirm + off_session) or one a browser confirms with its client_secret.
struct PaymentIntentRequest {
  std::int64_t amount_cents = 0;  // USD
  std::string customer_id;        // "" = none
  std::string payment_method_id;  // "" = chosen when the customer confirms
  bool confirm = false;
  bool off_session = false;
  std::string return_url;  // only with confirm (3-D Secure redirects)
  std::string description;
  std::vector<std::pair<std::string, std::string>> metadata;
  std::string idempotency_key;  // "" = none
};

// A saved payment method and the customer it is attached to ("" when none).
struct PaymentMethod {
  std::string id;
  std::string customer_id;
};

// application/x-www-form-urlencoded, in order (Stripe's nested keys are plain names here:
// "metadata[pack]").
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

class StripeClient {
 public:
  // `http` must outlive the client.
  StripeClient(net::HttpClient& http, StripeConfig config)
      : http_(http), config_(std::move(config)) {
    while (!config_.api_base.empty() && config_.api_base.back() == '/') config_.api_base.pop_back();
  }

  bool configured() const { return !config_.secret_key.empty(); }
  const StripeConfig& config() const { return config_; }

  // Errors: "unavailable" (no secret key configured), "stripe_error" (Stripe answered an error;
  // the message is Stripe's), "stripe_unreachable" (transport failure).
  Result<CheckoutSession> CreateCheckoutSession(const CheckoutRequest& request) const;
  Result<PaymentIntent> ChargeSavedCard(const OffSessionPayment& payment) const;
  // POST /v1/payment_intents with the request's fields (billing/payments.h uses it).
  Result<PaymentIntent> CreatePaymentIntent(const PaymentIntentRequest& request) const;
  // GET /v1/payment_methods/{id}: which customer a card belongs to. `id` must be a pm_ id
  // ("invalid" otherwise, nothing sent).
  Result<PaymentMethod> GetPaymentMethod(const std::string& id) const;

 private:
  Result<std::string> Get(const std::string& path) const;
  Result<std::string> Post(const std::string& path,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& idempotency_key) const;

  net::HttpClient& http_;
  StripeConfig config_;
};

}  // namespace shortlist::billing
