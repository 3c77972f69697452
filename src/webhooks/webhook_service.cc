#include "webhooks/webhook_service.h"

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "webhooks/signing.h"

namespace shortlist::webhooks {

Result<std::unique_ptr<WebhookService>> WebhookService::Open(const std::string& database,
                                                             store::Store& jobs_store,
                                                             net::HttpClient& client,
                                                             const Clock& clock,
                                                             WebhookOptions options) {
  auto store = store::OpenWebhookStore(database);
  if (!store.ok()) return store.error();
  return std::unique_ptr<WebhookService>(
      new WebhookService(std::move(*store), jobs_store, client, clock, std::move(options)));
}

WebhookService::WebhookService(std::unique_ptr<store::WebhookStore> store, store::Store& jobs_store,
                               net::HttpClient& client, const Clock& clock, WebhookOptions options)
    : store_(std::move(store)),
      client_(client),
      clock_(clock),
      options_(std::move(options)),
      public_url_(options_.public_url) {
  dispatcher_ = std::make_unique<DeliveryDispatcher>(*store_, client_, clock_, options_);
  sink_ = std::make_unique<OutboxSink>(*store_, clock_, [this] { dispatcher_->Notify(); });
  publisher_ =
      std::make_unique<JobEventPublisher>(*sink_, jobs_store, [this] { return PublicUrl(); });
  job_outbox_ = std::make_unique<JobOutbox>(*publisher_, *sink_);
}

WebhookService::~WebhookService() { Stop(); }

void WebhookService::SetPublicUrl(const std::string& url) {
  MutexLock lock(mu_);
  public_url_ = url;
}

std::string WebhookService::PublicUrl() {
  MutexLock lock(mu_);
  return public_url_;
}

Result<TestDelivery> WebhookService::SendTest(std::int64_t account_id, const std::string& url) {
  const std::int64_t now = clock_.NowMillis();
  auto secret = AccountSecret(*store_, account_id, now);
  if (!secret.ok()) return secret.error();
  TestDelivery out;
  out.webhook_id = NewEventId();
  nlohmann::json data = {
      {"message",
       "This is a test event from Shortlist. Verify X-Webhook-Signature with your "
       "webhook secret (GET /api/v1/webhooks/secret)."},
      {"url", url}};
  auto body = BuildEventBody(out.event, data.dump(), out.webhook_id, now);
  if (!body.ok()) return body.error();
  out.body = std::move(*body);
  out.result =
      SendSigned(client_, url, out.body, out.webhook_id, *secret, now, options_.timeout_ms);
  return out;
}

Result<std::string> WebhookService::Secret(std::int64_t account_id) {
  return AccountSecret(*store_, account_id, clock_.NowMillis());
}

Result<std::string> WebhookService::RotateSecret(std::int64_t account_id) {
  std::string secret = NewSecret();
  Status set = store_->SetSecret(account_id, secret, clock_.NowMillis());
  if (!set.ok()) return set.error();
  return secret;
}

}  // namespace shortlist::webhooks
