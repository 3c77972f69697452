// The whole server, assembled: the stores, the engine, the services (jobs, tokens, billing,
// webhooks), the workers, the routes of both APIs and the HTTP listener.
//
// Construction order is dependency order, and it is written down once, here: each member is
// declared after everything it uses, so the members' reverse destruction tears the server down
// safely (the listener before the handlers' services, the workers before their observers, every
// service before the stores). Open() builds everything but does not listen; Start() listens and
// starts the workers and the webhook senders; Stop() (also run by the destructor) stops them in
// the opposite order: no new requests, then the batch in hand finishes and unfinished jobs
// return to the queue, then in-flight webhook deliveries finish.
#pragma once

#include <memory>
#include <string>

#include "accounts/token_service.h"
#include "api/context.h"
#include "app/server_config.h"
#include "billing/billing_service.h"
#include "billing/payments.h"
#include "billing/stripe_client.h"
#include "common/result.h"
#include "common/task_pool.h"
#include "engine/engine.h"
#include "http/dispatcher.h"
#include "http/idempotency.h"
#include "http/metrics.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/server.h"
#include "ingest/extractor.h"
#include "jobs/job_metrics.h"
#include "jobs/job_service.h"
#include "jobs/screener.h"
#include "jobs/worker_pool.h"
#include "net/http_client.h"
#include "store/database.h"
#include "webhooks/webhook_service.h"

namespace shortlist::app {

class Server {
 public:
  // Opens the database (creating its tables, the account "default" and its first token on a
  // new one), returns to the queue the jobs of workers that are gone, and wires every
  // component. Errors: "tls_config" and "usage" (a setting is unusable: exit code 2), else a
  // runtime failure (the database cannot be opened).
  static Result<std::unique_ptr<Server>> Open(const ServerConfig& config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The route table this server answers (`serve --print-routes`).
  const http::Router& router() const { return router_; }
  // What takes each request once it is read (the HTTP fuzz target calls it without a socket).
  const http::Dispatcher& dispatcher() const { return *dispatcher_; }
  // The first token's secret when Open() created the account "default"; "" otherwise.
  const std::string& first_token() const { return first_token_; }

  // Listens on the configured host and port, then starts the webhook senders and the workers.
  Status Start();
  // "http://127.0.0.1:8080" (https with TLS); the bound port once started.
  std::string url() const;
  // Graceful: see the file comment. Idempotent.
  void Stop();

 private:
  explicit Server(const ServerConfig& config);
  Status OpenStores(const std::string& location);
  Status BuildServices(const std::string& location);
  void AddRoutes();
  void BuildDispatcher();

  const ServerConfig config_;
  bool tls_ = false;
  std::string first_token_;
  // Stores, then what reads them, then what serves them: see the file comment.
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::BillingStore> billing_store_;
  std::unique_ptr<store::IdempotencyStore> idempotency_store_;
  std::unique_ptr<accounts::TokenService> tokens_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<net::HttpClient> http_client_;  // the SSRF-guarded client: URLs, webhooks
  std::unique_ptr<webhooks::WebhookService> webhooks_;
  std::unique_ptr<billing::StripeClient> stripe_;
  std::unique_ptr<billing::BillingService> billing_;
  std::unique_ptr<billing::Payments> payments_;
  std::unique_ptr<ingest::Extractor> extractor_;  // sandboxed processes that read files
  std::unique_ptr<jobs::Screener> screener_;
  jobs::JobMetrics job_metrics_;  // observes the workers, so declared before them
  std::unique_ptr<jobs::WorkerPool> workers_;
  std::unique_ptr<jobs::JobService> jobs_;
  std::unique_ptr<http::RateLimiter> limiter_;
  api::ApiContext api_;
  http::Router router_;
  std::unique_ptr<http::RequestMetrics> request_metrics_;
  std::unique_ptr<http::IdempotencyGuard> idempotency_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
  std::unique_ptr<http::Server> http_;
  // After the listener: drained (tasks answer to connections of the stopped listener, whose
  // pending writes are dropped with it) before anything it calls is destroyed.
  std::unique_ptr<TaskPool> slow_requests_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace shortlist::app
