#include "app/server.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <utility>

#include "api/account_candidates_api.h"
#include "api/agent_keys_api.h"
#include "api/candidates_api.h"
#include "api/credits_api.h"
#include "api/evaluate_api.h"
#include "api/jobs_api.h"
#include "api/mcp_api.h"
#include "api/metrics_api.h"
#include "api/openapi_api.h"
#include "api/outcomes_api.h"
#include "api/payments_api.h"
#include "api/schema_api.h"
#include "api/system_api.h"
#include "api/tokens_api.h"
#include "api/webhooks_api.h"
#include "common/log.h"
#include "ingest/extractor.h"
#include "ingest/fetch.h"
#include "jobs/finished_job_cache.h"
#include "net/address_policy.h"
#include "web/dashboard_routes.h"

namespace shortlist::app {
namespace {

// "host:pid": names this process's job claims in the shared queue and in logs.
std::string ProcessName() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

// Resume URLs are fetched through the SSRF guard, `concurrency` at a time: a remote host's
// latency, not our CPU, bounds a batch of URLs, so more in flight is nearly free.
jobs::UrlFetcher FetcherOver(net::HttpClient& client, int concurrency) {
  return [&client, concurrency](const std::vector<std::string>& urls) {
    std::vector<Result<jobs::FetchedBytes>> out;
    for (auto& fetched : ingest::FetchAll(client, urls, {}, concurrency)) {
      if (fetched.ok()) {
        out.push_back(jobs::FetchedBytes{std::move(fetched->bytes), std::move(fetched->filename)});
      } else {
        out.push_back(fetched.error());
      }
    }
    return out;
  };
}

}  // namespace

Server::Server(const ServerConfig& config)
    : config_(config), tls_(!config.tls_cert_file.empty() || !config.tls_key_file.empty()) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Open(const ServerConfig& config) {
  std::unique_ptr<Server> server(new Server(config));
  // HTTPS: the certificate and key are checked before anything is opened or created.
  if (server->tls_) {
    Status usable =
        config.tls_cert_file.empty() || config.tls_key_file.empty()
            ? Status(Error::Make("tls_config", "HTTPS needs both --tls-cert and --tls-key"))
            : http::CheckTlsFiles(config.tls_cert_file, config.tls_key_file);
    if (!usable.ok()) return usable.error();
  }
  auto location = store::ResolveLocation(config.data_dir, config.database);
  if (!location.ok()) return location.error();
  if (Status s = server->OpenStores(*location); !s.ok()) return s.error();
  if (Status s = server->BuildServices(*location); !s.ok()) return s.error();
  server->AddRoutes();
  server->BuildDispatcher();
  return server;
}

Status Server::OpenStores(const std::string& location) {
  auto store = jobs::WithFinishedJobCache(store::OpenStore(location));
  if (!store.ok()) return store.error();
  store_ = std::move(store).value();
  tokens_ = std::make_unique<accounts::TokenService>(*store_);
  auto first_token = tokens_->EnsureFirstAccount();
  if (!first_token.ok()) return first_token.error();
  first_token_ = std::move(first_token).value();
  auto requeued = store_->RequeueOrphanedJobs();
  if (requeued.ok() && *requeued > 0) {
    Log(LogLevel::kInfo, "requeued unfinished jobs", {{"count", *requeued}});
  }
  auto billing_store = store::OpenBillingStore(location);
  if (!billing_store.ok()) return billing_store.error();
  billing_store_ = std::move(billing_store).value();
  auto idempotency_store = store::OpenIdempotencyStore(location);
  if (!idempotency_store.ok()) return idempotency_store.error();
  idempotency_store_ = std::move(idempotency_store).value();
  return OkStatus();
}

Status Server::BuildServices(const std::string& location) {
  engine_ = engine::Engine::Create();
  // The allow-list opens chosen addresses (tests put their stand-ins on loopback).
  auto policy = net::AddressPolicy::WithAllowList(config_.url_allow_list);
  if (!policy.ok()) {
    return Error::Make("usage", "--url-allow-list: " + policy.error().message, "url-allow-list");
  }
  http_client_ = net::NewCurlHttpClient(*policy);
  // The webhook outbox: its tables live in the same database; every delivery goes through the
  // same SSRF-guarded client as resume URLs, and so does Stripe.
  auto webhooks = webhooks::WebhookService::Open(location, *store_, *http_client_, SystemClock(),
                                                 config_.webhooks);
  if (!webhooks.ok()) return webhooks.error();
  webhooks_ = std::move(webhooks).value();
  stripe_ = std::make_unique<billing::StripeClient>(*http_client_, config_.stripe);
  billing_ = std::make_unique<billing::BillingService>(
      *billing_store_, SystemClock(), config_.billing, stripe_.get(), &webhooks_->sink());
  payments_ = std::make_unique<billing::Payments>(*billing_, stripe_.get());
  // Uploaded and fetched files are parsed in sandboxed worker processes, never in the server
  // (ingest/extractor.h).
  ingest::SandboxOptions sandbox;
  sandbox.processes =
      config_.extract_processes > 0 ? config_.extract_processes : std::max(2, config_.workers);
  sandbox.memory_limit_bytes = static_cast<std::size_t>(config_.extract_memory_mb) << 20;
  auto extractor = ingest::SandboxedExtractor::Start(sandbox);
  if (!extractor.ok()) return extractor.error();
  extractor_ = std::move(extractor).value();
  jobs::ScreenerOptions screener_options;
  screener_options.extractor = extractor_.get();
  screener_options.limits.timeout = std::chrono::milliseconds(config_.extract_timeout_ms);
  screener_options.fetch_urls = FetcherOver(*http_client_, std::max(1, config_.fetch_concurrency));
  screener_ = std::make_unique<jobs::Screener>(*engine_, screener_options);
  jobs::WorkerOptions worker_options;
  worker_options.threads = config_.workers;
  worker_options.worker_id = ProcessName();  // unique per process: several share one queue
  worker_options.lease_ms = config_.job_lease_ms;
  // Tests only: see WorkerOptions::crash_at.
  if (const char* step = std::getenv("SHORTLIST_TEST_CRASH_AT")) worker_options.crash_at = step;
  workers_ = std::make_unique<jobs::WorkerPool>(*store_, *screener_, SystemClock(), worker_options);
  workers_->SetAnnouncer(&webhooks_->job_announcer());
  workers_->AddObserver(&job_metrics_);
  jobs_ = std::make_unique<jobs::JobService>(*store_, *screener_, workers_.get(), billing_.get(),
                                             SystemClock());
  limiter_ = std::make_unique<http::RateLimiter>(SystemClock());
  api_.jobs = jobs_.get();
  api_.tokens = tokens_.get();
  api_.rate_limiter = limiter_.get();
  api_.payments = payments_.get();
  api_.extractor = extractor_.get();
  api_.clock = &SystemClock();
  api_.public_url = config_.public_url;
  api_.tls = tls_;
  api_.max_resumes_per_job = std::max(1, config_.max_resumes_per_job);
  // A /bulk-screen job's webhook body is its GET /v1/jobs/{job_id} answer (the API's shape).
  webhooks_->SetBulkScreenBody(
      [this](const model::Job& job) { return api::BulkScreenWebhookBody(api_, job); });
  return OkStatus();
}

void Server::AddRoutes() {
  request_metrics_ = std::make_unique<http::RequestMetrics>(router_);
  api::AddSystemRoutes(api_, &router_);
  api::AddMetricsRoute(api_, *request_metrics_, job_metrics_, &router_);
  api::AddJobsApiRoutes(api_, &router_);
  api::AddCandidateRoutes(api_, &router_);
  api::AddAccountCandidateRoutes(api_, &router_);
  api::AddOutcomeRoutes(api_, &router_);
  api::AddEvaluateApiRoutes(api_, &router_);
  api::AddWebhookRoutes(api_, *webhooks_, &router_);
  api::AddCreditsRoutes(api_, *billing_, &router_);
  api::AddPaymentRoutes(api_, &router_);
  api::AddAgentKeyRoutes(api_, *billing_, &router_);
  api::AddSchemaRoutes(api_, billing_.get(), &router_);
  api::AddTokenRoutes(api_, &router_);
  api::AddMcpRoute(api_, &router_);
  web::AddDashboardRoutes(&router_);
  api::AddOpenApiRoutes(&router_);
}

void Server::BuildDispatcher() {
  dispatcher_ = std::make_unique<http::Dispatcher>(
      router_, [this](const std::string& hash) { return tokens_->Authenticate(hash); }, *limiter_,
      SystemClock());
  dispatcher_->SetAgentKeyLookup(
      [this](const std::string& hash) { return billing_->AuthenticateAgentKey(hash); });
  idempotency_ = std::make_unique<http::IdempotencyGuard>(*idempotency_store_, SystemClock());
  dispatcher_->SetIdempotencyGuard(idempotency_.get());
  dispatcher_->SetMetrics(request_metrics_.get());
  slow_requests_ = std::make_unique<TaskPool>(config_.slow_request_threads,
                                              static_cast<std::size_t>(config_.slow_request_queue));
  dispatcher_->SetSlowRequestPool(slow_requests_.get());
  billing_->RunReloadsOn(slow_requests_.get());  // auto-reload calls Stripe: never in a request
  http::ServerOptions options;
  options.host = config_.host;
  options.port = config_.port;
  options.io_threads = config_.io_threads;
  options.max_body_bytes = config_.max_body_bytes;
  options.max_connections = config_.max_connections;
  options.tls_cert_file = config_.tls_cert_file;
  options.tls_key_file = config_.tls_key_file;
  http_ = std::make_unique<http::Server>(options, *dispatcher_);
}

Status Server::Start() {
  Status listening = http_->Start();
  if (!listening.ok()) return listening;
  started_ = true;
  webhooks_->SetPublicUrl(config_.public_url.empty() ? url() : config_.public_url);
  webhooks_->Start();  // pending deliveries (retries too) resume from the outbox
  workers_->Calibrate();
  workers_->Start();
  return OkStatus();
}

std::string Server::url() const {
  const int port = started_ ? http_->port() : config_.port;
  return (tls_ ? "https://" : "http://") + config_.host + ":" + std::to_string(port);
}

void Server::Stop() {
  if (!started_ || stopped_) return;
  stopped_ = true;
  http_->Stop();
  slow_requests_.reset();  // the slow requests in hand finish
  workers_->Stop();        // finishes the batch in hand; unfinished jobs go back to the queue
  webhooks_->Stop();       // in-flight deliveries finish; pending ones resume at the next start
}

}  // namespace shortlist::app
