#include "cli/serve.h"

#include <csignal>
#include <cstdio>
#include <iostream>

#include "api/agent_keys_api.h"
#include "api/candidates_api.h"
#include "api/context.h"
#include "api/credits_api.h"
#include "api/evaluate_api.h"
#include "api/jobs_api.h"
#include "api/schema_api.h"
#include "api/system_api.h"
#include "api/webhooks_api.h"
#include "cli/options.h"
#include "common/log.h"
#include "engine/engine.h"
#include "http/dispatcher.h"
#include "http/server.h"
#include "ingest/fetch.h"
#include "jobs/screener.h"
#include "jobs/worker_pool.h"
#include "net/address_policy.h"
#include "net/http_client.h"
#include "store/billing_store.h"
#include "store/idempotency_store.h"
#include "webhooks/webhook_service.h"

namespace shortlist::cli {
namespace {

LogLevel ParseLogLevel(const std::string& s) {
  if (s == "debug") return LogLevel::kDebug;
  if (s == "warn") return LogLevel::kWarn;
  if (s == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

// On first start: the default account and a token, so a newcomer can call the API at once.
Result<std::string> EnsureFirstAccount(store::Store& store) {
  auto count = store.CountAccounts();
  if (!count.ok()) return count.error();
  if (*count > 0) return std::string();
  auto account = store.CreateAccount("default", "", store::Plan::kStandard);
  if (!account.ok()) return account.error();
  return IssueToken(store, account->id, "first token");
}

}  // namespace

int Serve(const ServeConfig& config) {
  SetLogLevel(ParseLogLevel(config.log_level));
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto store = OpenDataDir(config.data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  auto first_token = EnsureFirstAccount(**store);
  if (!first_token.ok()) {
    std::cerr << "shortlist: " << first_token.error().message << "\n";
    return 1;
  }
  auto requeued = (*store)->RequeueOrphanedJobs();
  if (requeued.ok() && *requeued > 0) {
    Log(LogLevel::kInfo, "requeued unfinished jobs", {{"count", *requeued}});
  }

  std::unique_ptr<engine::Engine> engine = engine::Engine::Create();
  // Resume URLs are fetched through the SSRF guard; the allow-list opens chosen addresses.
  auto policy = net::AddressPolicy::WithAllowList(config.url_allow_list);
  if (!policy.ok()) {
    std::cerr << "shortlist: --url-allow-list: " << policy.error().message << "\n";
    return 2;
  }
  std::unique_ptr<net::HttpClient> http_client = net::NewCurlHttpClient(*policy);
  jobs::ScreenerOptions screener_options;
  screener_options.fetch_urls = [client = http_client.get()](const std::vector<std::string>& urls) {
    std::vector<Result<jobs::FetchedBytes>> out;
    for (auto& fetched : ingest::FetchAll(*client, urls, {}, 8)) {
      if (fetched.ok()) {
        out.push_back(jobs::FetchedBytes{std::move(fetched->bytes), std::move(fetched->filename)});
      } else {
        out.push_back(fetched.error());
      }
    }
    return out;
  };
  jobs::Screener screener(*engine, screener_options);
  jobs::WorkerOptions worker_options;
  worker_options.threads = config.workers;
  jobs::WorkerPool workers(**store, screener, SystemClock(), worker_options);
  // The webhook outbox: its tables live in the same database file; every delivery goes through
  // the same SSRF-guarded client as resume URLs.
  auto opened_webhooks = webhooks::WebhookService::Open(
      DatabasePath(config.data_dir), **store, *http_client, SystemClock(), config.webhooks);
  if (!opened_webhooks.ok()) {
    std::cerr << "shortlist: " << opened_webhooks.error().message << "\n";
    return 1;
  }
  std::unique_ptr<webhooks::WebhookService> webhook_service = std::move(opened_webhooks).value();
  workers.AddObserver(&webhook_service->job_observer());
  // Credits, agent keys and Stripe: tables in the same database file; Stripe is called through
  // the SSRF-guarded client (tests put their stand-in on loopback and allow-list it).
  auto billing_store = store::OpenSqliteBillingStore(DatabasePath(config.data_dir));
  if (!billing_store.ok()) {
    std::cerr << "shortlist: " << billing_store.error().message << "\n";
    return 1;
  }
  billing::StripeClient stripe(*http_client, config.stripe);
  billing::BillingService billing_service(**billing_store, SystemClock(), config.billing, &stripe,
                                          &webhook_service->sink());
  http::RateLimiter limiter(SystemClock());

  api::ApiContext ctx;
  ctx.store = store->get();
  ctx.workers = &workers;
  ctx.screener = &screener;
  ctx.rate_limiter = &limiter;
  ctx.clock = &SystemClock();
  ctx.public_url = config.public_url;
  ctx.events = &webhook_service->sink();
  ctx.billing = &billing_service;
  http::Router router;
  api::AddSystemRoutes(ctx, &router);
  api::AddJobsApiRoutes(ctx, &router);
  api::AddCandidateRoutes(ctx, &router);
  api::AddEvaluateApiRoutes(ctx, &router);
  api::AddWebhookRoutes(ctx, *webhook_service, &router);
  api::AddCreditsRoutes(ctx, billing_service, &router);
  api::AddAgentKeyRoutes(ctx, billing_service, &router);
  api::AddSchemaRoutes(ctx, &billing_service, &router);
  http::Dispatcher dispatcher(router, **store, limiter, SystemClock());
  auto idempotency_store = store::OpenSqliteIdempotencyStore(DatabasePath(config.data_dir));
  if (!idempotency_store.ok()) {
    std::cerr << "shortlist: " << idempotency_store.error().message << "\n";
    return 1;
  }
  http::IdempotencyGuard idempotency(**idempotency_store, SystemClock());
  dispatcher.SetIdempotencyGuard(&idempotency);
  dispatcher.SetAgentKeyAuthenticator([&billing_service](const std::string& hash) {
    return billing_service.AuthenticateAgentKey(hash);
  });

  http::ServerOptions server_options;
  server_options.host = config.host;
  server_options.port = config.port;
  server_options.io_threads = config.io_threads;
  server_options.max_body_bytes = config.max_body_bytes;
  http::Server server(server_options, dispatcher);
  Status started = server.Start();
  if (!started.ok()) {
    std::cerr << "shortlist: " << started.error().message << "\n";
    return 1;
  }
  webhook_service->SetPublicUrl(config.public_url.empty()
                                    ? "http://" + config.host + ":" + std::to_string(server.port())
                                    : config.public_url);
  webhook_service->Start();  // pending deliveries (retries too) resume from the outbox
  workers.Calibrate();
  workers.Start();

  const std::string url = "http://" + config.host + ":" + std::to_string(server.port());
  std::cout << "Shortlist listening on " << url << "\n"
            << "Data directory: " << config.data_dir << "\n";
  if (!first_token->empty()) {
    std::cout << "Created account 'default'. Its API token (shown only once, keep it):\n"
              << "API token: " << *first_token << "\n"
              << "Try: curl -H 'Authorization: Bearer " << *first_token << "' " << url
              << "/api/v1/rate-limit\n";
  } else {
    std::cout << "Create an API token with: shortlist token create --account NAME --data-dir "
              << config.data_dir << "\n";
  }
  std::cout.flush();

  int signal = 0;
  sigwait(&stop_signals, &signal);
  Log(LogLevel::kInfo, "shutting down", {{"signal", signal}});
  server.Stop();
  workers.Stop();  // finishes the batch in hand; unfinished jobs go back to the queue
  // In-flight deliveries finish; pending ones resume at the next start.
  webhook_service->Stop();
  Log(LogLevel::kInfo, "stopped");
  return 0;
}

}  // namespace shortlist::cli
