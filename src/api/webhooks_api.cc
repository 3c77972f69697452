#include "api/webhooks_api.h"

#include <algorithm>

#include "api/handler_support.h"
#include "api/validation.h"
#include "common/clock.h"
#include "common/json_parse.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;
using webhooks::WebhookService;

json IsoOrNull(std::int64_t ms) { return ms > 0 ? json(FormatIso8601(ms)) : json(nullptr); }

json DeliveryJson(WebhookService& service, const store::WebhookDelivery& d, bool with_payload) {
  json out = {
      {"id", d.public_id},
      {"event", d.event_type},
      {"url", d.url},
      {"job_id", d.job_id > 0 ? json(d.job_id) : json(nullptr)},
      {"status", std::string(store::ToString(d.state))},
      {"attempt_count", d.attempts},
      {"max_attempts", service.options().max_attempts},
      {"last_status_code", d.last_status_code > 0 ? json(d.last_status_code) : json(nullptr)},
      {"last_error", d.last_error.empty() ? json(nullptr) : json(d.last_error)},
      {"next_attempt_at", d.state == store::DeliveryState::kPending
                              ? json(FormatIso8601(d.next_attempt_at_ms))
                              : json(nullptr)},
      {"created_at", FormatIso8601(d.created_at_ms)},
      {"completed_at", IsoOrNull(d.completed_at_ms)}};
  json attempts = json::array();
  if (auto list = service.store().ListAttempts(d.id); list.ok()) {
    for (const auto& a : *list) {
      attempts.push_back({{"attempt", a.number},
                          {"at", FormatIso8601(a.started_at_ms)},
                          {"status_code", a.status_code > 0 ? json(a.status_code) : json(nullptr)},
                          {"ok", a.error.empty()},
                          {"error", a.error.empty() ? json(nullptr) : json(a.error)},
                          {"duration_ms", a.duration_ms},
                          {"response_excerpt", a.response_excerpt}});
    }
  }
  out["attempts"] = std::move(attempts);
  if (with_payload) {
    json payload = ParseJsonOrDiscarded(d.body);
    out["payload"] = payload.is_discarded() ? json(d.body) : payload;
  }
  return out;
}

// The secret signs every delivery of the account; agent keys act within narrow permissions and
// do not get it.
std::optional<Response> RefuseAgentKeys(const Caller& caller) {
  if (caller.principal.agent_key_id == 0) return std::nullopt;
  return ErrorResponse(403,
                       "Agent keys cannot read or rotate the webhook secret; use an API token.");
}

Response SendTest(WebhookService& service, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto url = v.Url(*body, "url", "url", true);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto sent = service.SendTest(caller.principal.account.id, *url);
  if (!sent.ok()) return ErrorResponse(sent.error());
  const webhooks::SendResult& r = sent->result;
  if (r.error_code == "invalid_url" || r.error_code == "url_refused") {
    return ErrorResponse(422, "The webhook URL cannot be used.", {{"url", {r.error}}});
  }
  // `success` is whether the endpoint took the event (HireSquire's CLI prints it as the test's
  // outcome), with `response_code`; `ok` and `status_code` are the same facts under our names.
  const json code = r.status_code > 0 ? json(r.status_code) : json(nullptr);
  return Response::Json(200,
                        {{"success", r.delivered},
                         {"response_code", code},
                         {"url", *url},
                         {"event", sent->event},
                         {"webhook_id", sent->webhook_id},
                         {"ok", r.delivered},
                         {"status_code", code},
                         {"duration_ms", r.duration_ms},
                         {"response_body", r.response_excerpt},
                         {"error", r.error.empty() ? json(nullptr) : json(r.error)},
                         {"message", r.delivered ? "The endpoint accepted the test event."
                                                 : "The endpoint did not accept the test event."}});
}

Response ListDeliveries(WebhookService& service, const Request& req, const Caller& caller) {
  Validator v;
  store::DeliveryFilter filter;
  auto job_id = QueryInteger(req, "job_id", 1, INT64_MAX, &v);
  auto limit = QueryInteger(req, "limit", 1, 100, &v);
  auto page = QueryInteger(req, "page", 1, 1000000, &v);
  if (auto status = req.Query("status"); status && !status->empty()) {
    filter.state = store::ParseDeliveryState(*status);
    if (!filter.state) {
      v.Fail("status", "The selected status is invalid: use pending, delivered or failed.");
    }
  }
  if (auto event = req.Query("event"); event) filter.event_type = *event;
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  filter.job_id = job_id.value_or(0);
  filter.limit = static_cast<int>(limit.value_or(20));
  filter.offset = static_cast<int>((page.value_or(1) - 1) * filter.limit);
  int total = 0;
  auto deliveries = service.store().ListDeliveries(caller.principal.account.id, filter, &total);
  if (!deliveries.ok()) return ErrorResponse(deliveries.error());
  json rows = json::array();
  for (const auto& d : *deliveries) rows.push_back(DeliveryJson(service, d, false));
  return Response::Json(200,
                        {{"success", true},
                         {"deliveries", rows},
                         {"total", total},
                         {"per_page", filter.limit},
                         {"current_page", page.value_or(1)},
                         {"last_page", std::max(1, (total + filter.limit - 1) / filter.limit)}});
}

Response GetDelivery(WebhookService& service, const Request& req, const Caller& caller) {
  auto d =
      service.store().GetDelivery(caller.principal.account.id, req.path_params.at("delivery_id"));
  if (!d.ok()) return ErrorResponse(d.error());
  json out = DeliveryJson(service, *d, true);
  out["success"] = true;
  return Response::Json(200, out);
}

json SecretJson(const std::string& secret) {
  return {{"success", true},
          {"secret", secret},
          {"algorithm", "HMAC-SHA256"},
          {"signature_header", "X-Webhook-Signature"},
          {"signed_content", "the raw request body"}};
}

Response GetSecret(WebhookService& service, const Request&, const Caller& caller) {
  if (auto refused = RefuseAgentKeys(caller)) return *refused;
  auto secret = service.Secret(caller.principal.account.id);
  if (!secret.ok()) return ErrorResponse(secret.error());
  return Response::Secret(200, SecretJson(*secret));
}

Response RotateSecret(WebhookService& service, const Request&, const Caller& caller) {
  if (auto refused = RefuseAgentKeys(caller)) return *refused;
  auto secret = service.RotateSecret(caller.principal.account.id);
  if (!secret.ok()) return ErrorResponse(secret.error());
  json out = SecretJson(*secret);
  out["message"] =
      "The webhook secret was replaced; every later delivery (retries too) is signed with it.";
  Response response = Response::Secret(200, out);
  return response;
}

using WebhookHandler = Response (*)(WebhookService&, const Request&, const Caller&);

http::Handler BindService(WebhookService& service, WebhookHandler fn) {
  return [&service, fn](const Request& req, const Caller* caller) {
    return fn(service, req, *caller);
  };
}

}  // namespace

void AddWebhookRoutes(const ApiContext& ctx, WebhookService& service, http::Router* router) {
  (void)ctx;  // the service holds what these handlers need
  // Slow: it waits for the receiver's answer.
  router->Add(
      {"POST", "/api/v1/webhooks/test", BindService(service, SendTest), true, "screen", true});
  router->Add(
      {"GET", "/api/v1/webhooks/deliveries", BindService(service, ListDeliveries), true, "read"});
  router->Add({"GET", "/api/v1/webhooks/deliveries/{delivery_id}",
               BindService(service, GetDelivery), true, "read"});
  router->Add({"GET", "/api/v1/webhooks/secret", BindService(service, GetSecret), true, ""});
  router->Add(
      {"POST", "/api/v1/webhooks/secret/rotate", BindService(service, RotateSecret), true, ""});
}

}  // namespace shortlist::api
