#include "billing/stripe_client.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "common/json_parse.h"

namespace shortlist::billing {
namespace {

std::string PercentEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string WithThousands(std::int64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
  return s;
}

}  // namespace

// Stripe's answer body, or the error it stands for ("stripe_unreachable", "stripe_error").
static Result<std::string> StripeAnswer(Result<net::HttpResponse> resp);

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += PercentEncode(k) + "=" + PercentEncode(v);
  }
  return out;
}

Result<std::string> StripeClient::Post(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
    const std::string& idempotency_key) const {
  if (!configured()) {
    return Error::Make("unavailable",
                       "Payments are not configured on this server (no Stripe secret key). An "
                       "administrator can add credits with `shortlist credits grant`.");
  }
  net::HttpRequest req;
  req.method = "POST";
  req.url = config_.api_base + path;
  req.headers = {{"Authorization", "Bearer " + config_.secret_key},
                 {"Content-Type", "application/x-www-form-urlencoded"},
                 {"Stripe-Version", "2024-06-20"}};
  if (!idempotency_key.empty()) req.headers.emplace_back("Idempotency-Key", idempotency_key);
  req.body = FormEncode(fields);
  req.timeout = std::chrono::milliseconds(20000);
  req.max_redirects = 0;
  return StripeAnswer(http_.Send(req));
}

Result<std::string> StripeClient::Get(const std::string& path) const {
  if (!configured()) {
    return Error::Make("unavailable",
                       "Payments are not configured on this server (no Stripe secret key). An "
                       "administrator can add credits with `shortlist credits grant`.");
  }
  net::HttpRequest req;
  req.method = "GET";
  req.url = config_.api_base + path;
  req.headers = {{"Authorization", "Bearer " + config_.secret_key},
                 {"Stripe-Version", "2024-06-20"}};
  req.timeout = std::chrono::milliseconds(20000);
  req.max_redirects = 0;
  return StripeAnswer(http_.Send(req));
}

static Result<std::string> StripeAnswer(Result<net::HttpResponse> resp) {
  if (!resp.ok()) {
    return Error::Make("stripe_unreachable", "Could not reach Stripe: " + resp.error().message);
  }
  if (resp->status < 200 || resp->status >= 300) {
    auto body = ParseJsonOrDiscarded(resp->body);
    std::string message = "HTTP " + std::to_string(resp->status);
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].value("message", "") != "") {
      message = body["error"]["message"].get<std::string>();
    }
    return Error::Make("stripe_error", "Stripe refused the request: " + message);
  }
  return std::move(resp->body);
}

Result<CheckoutSession> StripeClient::CreateCheckoutSession(const CheckoutRequest& r) const {
  const std::string account = std::to_string(r.account_id);
  std::string product =
      "Shortlist " + r.pack.name + ": " + WithThousands(r.pack.credits()) + " screening credits";
  std::vector<std::pair<std::string, std::string>> f = {
      {"mode", "payment"},
      {"line_items[0][quantity]", "1"},
      {"line_items[0][price_data][currency]", "usd"},
      {"line_items[0][price_data][unit_amount]", std::to_string(r.pack.price_cents)},
      {"line_items[0][price_data][product_data][name]", product},
      {"success_url", r.success_url},
      {"cancel_url", r.cancel_url},
      {"client_reference_id", account},
      {"metadata[account_id]", account},
      {"metadata[pack]", r.pack.id},
      {"metadata[credits]", std::to_string(r.pack.credits())},
      {"payment_intent_data[metadata][account_id]", account},
      {"payment_intent_data[metadata][purpose]", "checkout"},
  };
  if (!r.customer_email.empty()) f.emplace_back("customer_email", r.customer_email);
  if (r.save_card) {
    f.emplace_back("customer_creation", "always");
    f.emplace_back("payment_intent_data[setup_future_usage]", "off_session");
  }
  auto body = Post("/v1/checkout/sessions", f, "");
  if (!body.ok()) return body.error();
  auto j = ParseJsonOrDiscarded(*body);
  if (!j.is_object() || !j.value("id", std::string()).starts_with("cs_") || !j.contains("url") ||
      !j["url"].is_string()) {
    return Error::Make("stripe_error", "Stripe answered without a checkout session id and url.");
  }
  CheckoutSession s;
  s.id = j["id"].get<std::string>();
  s.url = j["url"].get<std::string>();
  if (j.contains("expires_at") && j["expires_at"].is_number_integer()) {
    s.expires_at = j["expires_at"].get<std::int64_t>();
  }
  return s;
}

Result<PaymentIntent> StripeClient::ChargeSavedCard(const OffSessionPayment& p) const {
  const std::string account = std::to_string(p.account_id);
  std::vector<std::pair<std::string, std::string>> f = {
      {"amount", std::to_string(p.pack.price_cents)},
      {"currency", "usd"},
      {"customer", p.customer_id},
      {"payment_method", p.payment_method_id},
      {"off_session", "true"},
      {"confirm", "true"},
      {"description", "Shortlist auto-reload: " + p.pack.name},
      {"metadata[account_id]", account},
      {"metadata[pack]", p.pack.id},
      {"metadata[purpose]", "auto_reload"},
  };
  auto body = Post("/v1/payment_intents", f, p.idempotency_key);
  if (!body.ok()) return body.error();
  auto j = ParseJsonOrDiscarded(*body);
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
    return Error::Make("stripe_error", "Stripe answered without a PaymentIntent id.");
  }
  return PaymentIntent{j["id"].get<std::string>(), j.value("status", std::string()), ""};
}

Result<PaymentIntent> StripeClient::CreatePaymentIntent(const PaymentIntentRequest& r) const {
  std::vector<std::pair<std::string, std::string>> f = {{"amount", std::to_string(r.amount_cents)},
                                                        {"currency", "usd"}};
  if (!r.customer_id.empty()) f.emplace_back("customer", r.customer_id);
  if (!r.payment_method_id.empty()) f.emplace_back("payment_method", r.payment_method_id);
  if (r.confirm) f.emplace_back("confirm", "true");
  if (r.off_session) f.emplace_back("off_session", "true");
  if (r.confirm && !r.return_url.empty()) f.emplace_back("return_url", r.return_url);
  if (!r.description.empty()) f.emplace_back("description", r.description);
  for (const auto& [key, value] : r.metadata) f.emplace_back("metadata[" + key + "]", value);
  auto body = Post("/v1/payment_intents", f, r.idempotency_key);
  if (!body.ok()) return body.error();
  auto j = ParseJsonOrDiscarded(*body);
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
    return Error::Make("stripe_error", "Stripe answered without a PaymentIntent id.");
  }
  return PaymentIntent{j["id"].get<std::string>(), j.value("status", std::string()),
                       j.value("client_secret", std::string())};
}

Result<PaymentMethod> StripeClient::GetPaymentMethod(const std::string& id) const {
  const bool plain = id.size() > 3 && id.size() <= 255 && id.rfind("pm_", 0) == 0 &&
                     id.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789_") == std::string::npos;
  if (!plain) return Error::Make("invalid", "A payment method id looks like pm_...");
  auto body = Get("/v1/payment_methods/" + id);
  if (!body.ok()) return body.error();
  auto j = ParseJsonOrDiscarded(*body);
  if (!j.is_object() || j.value("id", std::string()) != id) {
    return Error::Make("stripe_error", "Stripe answered without the payment method.");
  }
  PaymentMethod out{id, ""};
  if (j.contains("customer") && j["customer"].is_string()) out.customer_id = j["customer"];
  return out;
}

}  // namespace shortlist::billing
