// WebhookService: the webhook outbox as the server's main sees it. It owns the webhook store (on
// the server's database file), the outbox sink, the job-event publisher and the dispatcher, and
// offers the API what it needs: a synchronous test send, the deliveries, the account's secret.
//
// Wiring (src/cli/serve.cc): Open after the main store and the HTTP client; register
// job_announcer() with the workers and sink() as ApiContext::events; Start() once the server
// listens; Stop() on shutdown before the store and the client are destroyed.
//
// Thread-safe after Open.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/mutex.h"
#include "common/result.h"
#include "jobs/job_announcer.h"
#include "net/http_client.h"
#include "store/store.h"
#include "store/webhook_store.h"
#include "webhooks/dispatcher.h"
#include "webhooks/event_sink.h"
#include "webhooks/job_events.h"
#include "webhooks/job_outbox.h"
#include "webhooks/options.h"
#include "webhooks/outbox_sink.h"
#include "webhooks/sender.h"

namespace shortlist::webhooks {

// What /webhooks/test reports.
struct TestDelivery {
  std::string webhook_id;
  std::string event = "webhook.test";
  std::string body;  // what was sent
  SendResult result;
};

class WebhookService {
 public:
  // Opens the webhook tables in the server's database (a SQLite file path or a PostgreSQL URL;
  // see store/database.h).
  // `jobs_store`, `client` and `clock` must outlive the service.
  static Result<std::unique_ptr<WebhookService>> Open(const std::string& database,
                                                      store::Store& jobs_store,
                                                      net::HttpClient& client, const Clock& clock,
                                                      WebhookOptions options);
  ~WebhookService();  // Stop()

  EventSink& sink() { return *sink_; }
  // The job events, written by the workers with the changes they announce.
  jobs::JobAnnouncer& job_announcer() { return *job_outbox_; }
  store::WebhookStore& store() { return *store_; }
  const WebhookOptions& options() const { return options_; }

  // What a /bulk-screen job's webhook body is (JobEventPublisher::SetBulkScreenBody). Set
  // before the workers start.
  void SetBulkScreenBody(BulkScreenBody body) { publisher_->SetBulkScreenBody(std::move(body)); }

  // The base for status_url/results_url in events when options.public_url was empty.
  void SetPublicUrl(const std::string& url);

  void Start() { dispatcher_->Start(); }
  void Stop() { dispatcher_->Stop(); }

  // Sends a signed "webhook.test" event to `url` now (not through the outbox) and reports what
  // the endpoint answered. Transport failures are in result.error_code ("invalid_url",
  // "url_refused", "fetch_timeout", "fetch_failed"); only a missing secret is an Error.
  Result<TestDelivery> SendTest(std::int64_t account_id, const std::string& url);

  // The account's signing secret (created on first use) and a fresh replacement.
  Result<std::string> Secret(std::int64_t account_id);
  Result<std::string> RotateSecret(std::int64_t account_id);

 private:
  WebhookService(std::unique_ptr<store::WebhookStore> store, store::Store& jobs_store,
                 net::HttpClient& client, const Clock& clock, WebhookOptions options);
  std::string PublicUrl();

  std::unique_ptr<store::WebhookStore> store_;
  net::HttpClient& client_;
  const Clock& clock_;
  const WebhookOptions options_;
  Mutex mu_;
  std::string public_url_ GUARDED_BY(mu_);
  std::unique_ptr<DeliveryDispatcher> dispatcher_;
  std::unique_ptr<OutboxSink> sink_;
  std::unique_ptr<JobEventPublisher> publisher_;
  std::unique_ptr<JobOutbox> job_outbox_;
};

}  // namespace shortlist::webhooks
