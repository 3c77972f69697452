#include "cli/serve.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "api/agent_keys_api.h"
#include "api/candidates_api.h"
#include "api/context.h"
#include "api/credits_api.h"
#include "api/evaluate_api.h"
#include "api/jobs_api.h"
#include "api/metrics_api.h"
#include "api/openapi_api.h"
#include "api/schema_api.h"
#include "api/system_api.h"
#include "api/tokens_api.h"
#include "api/webhooks_api.h"
#include "cli/options.h"
#include "common/log.h"
#include "engine/engine.h"
#include "http/dispatcher.h"
#include "http/server.h"
#include "ingest/extractor.h"
#include "ingest/fetch.h"
#include "jobs/screener.h"
#include "jobs/worker_pool.h"
#include "net/address_policy.h"
#include "net/http_client.h"
#include "store/database.h"
#include "web/dashboard_routes.h"
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
  auto account = store.CreateAccount("default", "", model::Plan::kStandard);
  if (!account.ok()) return account.error();
  return IssueToken(store, account->id, "first token");
}

// "host:pid": names this process's job claims in the shared queue and in logs.
std::string ProcessName() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

// The URL as it may be printed: "postgresql://user:secret@host/db" -> "postgresql://user@host/db".
std::string WithoutPassword(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
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
  // HTTPS: the certificate and key are checked before anything is opened or created.
  const bool tls = !config.tls_cert_file.empty() || !config.tls_key_file.empty();
  if (tls) {
    Status usable =
        config.tls_cert_file.empty() || config.tls_key_file.empty()
            ? Status(Error::Make("tls_config", "HTTPS needs both --tls-cert and --tls-key"))
            : http::CheckTlsFiles(config.tls_cert_file, config.tls_key_file);
    if (!usable.ok()) {
      std::cerr << "shortlist: " << usable.error().message << "\n";
      return 2;
    }
  }
  const std::string scheme = tls ? "https://" : "http://";

  auto location = DatabaseLocation({config.data_dir, config.database});
  if (!location.ok()) {
    std::cerr << "shortlist: " << location.error().message << "\n";
    return 1;
  }
  auto store = store::OpenStore(*location);
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
  // Uploaded and fetched files are parsed in sandboxed worker processes, never in the server
  // (ingest/extractor.h).
  ingest::SandboxOptions sandbox_options;
  sandbox_options.processes =
      config.extract_processes > 0 ? config.extract_processes : std::max(2, config.workers);
  sandbox_options.memory_limit_bytes = static_cast<std::size_t>(config.extract_memory_mb) << 20;
  auto extractor = ingest::SandboxedExtractor::Start(sandbox_options);
  if (!extractor.ok()) {
    std::cerr << "shortlist: " << extractor.error().message << "\n";
    return 1;
  }
  jobs::ScreenerOptions screener_options;
  screener_options.extractor = extractor->get();
  screener_options.limits.timeout = std::chrono::milliseconds(config.extract_timeout_ms);
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
  // Unique per process: on PostgreSQL several processes claim from one queue.
  worker_options.worker_id = ProcessName();
  worker_options.lease_ms = config.job_lease_ms;
  api::JobMetrics job_metrics;  // GET /metrics; declared first so it outlives the workers
  jobs::WorkerPool workers(**store, screener, SystemClock(), worker_options);
  // The webhook outbox: its tables live in the same database file; every delivery goes through
  // the same SSRF-guarded client as resume URLs.
  auto opened_webhooks = webhooks::WebhookService::Open(*location, **store, *http_client,
                                                        SystemClock(), config.webhooks);
  if (!opened_webhooks.ok()) {
    std::cerr << "shortlist: " << opened_webhooks.error().message << "\n";
    return 1;
  }
  std::unique_ptr<webhooks::WebhookService> webhook_service = std::move(opened_webhooks).value();
  workers.AddObserver(&webhook_service->job_observer());
  workers.AddObserver(&job_metrics);
  // Credits, agent keys and Stripe: tables in the same database file; Stripe is called through
  // the SSRF-guarded client (tests put their stand-in on loopback and allow-list it).
  auto billing_store = store::OpenBillingStore(*location);
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
  ctx.tls = tls;
  ctx.events = &webhook_service->sink();
  ctx.billing = &billing_service;
  http::Router router;
  http::RequestMetrics request_metrics(router);  // counts per route; filled by the dispatcher
  api::AddSystemRoutes(ctx, &router);
  api::AddMetricsRoute(ctx, request_metrics, job_metrics, &router);
  api::AddJobsApiRoutes(ctx, &router);
  api::AddCandidateRoutes(ctx, &router);
  api::AddEvaluateApiRoutes(ctx, &router);
  api::AddWebhookRoutes(ctx, *webhook_service, &router);
  api::AddCreditsRoutes(ctx, billing_service, &router);
  api::AddAgentKeyRoutes(ctx, billing_service, &router);
  api::AddSchemaRoutes(ctx, &billing_service, &router);
  api::AddTokenRoutes(
      ctx,
      [&ctx](std::int64_t account_id, const std::string& name) {
        return IssueToken(*ctx.store, account_id, name);
      },
      &router);
  web::AddDashboardRoutes(&router);
  api::AddOpenApiRoutes(&router);
  http::Dispatcher dispatcher(router, **store, limiter, SystemClock());
  auto idempotency_store = store::OpenIdempotencyStore(*location);
  if (!idempotency_store.ok()) {
    std::cerr << "shortlist: " << idempotency_store.error().message << "\n";
    return 1;
  }
  http::IdempotencyGuard idempotency(**idempotency_store, SystemClock());
  dispatcher.SetIdempotencyGuard(&idempotency);
  dispatcher.SetMetrics(&request_metrics);
  dispatcher.SetAgentKeyAuthenticator([&billing_service](const std::string& hash) {
    return billing_service.AuthenticateAgentKey(hash);
  });

  if (config.print_routes) {  // `serve --print-routes`: this very table, then exit unserved
    for (const http::Route& route : router.routes()) {
      std::cout << route.method << ' ' << route.pattern << '\n';
    }
    return 0;
  }
  http::ServerOptions server_options;
  server_options.host = config.host;
  server_options.port = config.port;
  server_options.io_threads = config.io_threads;
  server_options.max_body_bytes = config.max_body_bytes;
  server_options.tls_cert_file = config.tls_cert_file;
  server_options.tls_key_file = config.tls_key_file;
  http::Server server(server_options, dispatcher);
  Status started = server.Start();
  if (!started.ok()) {
    std::cerr << "shortlist: " << started.error().message << "\n";
    return 1;
  }
  webhook_service->SetPublicUrl(config.public_url.empty()
                                    ? scheme + config.host + ":" + std::to_string(server.port())
                                    : config.public_url);
  webhook_service->Start();  // pending deliveries (retries too) resume from the outbox
  workers.Calibrate();
  workers.Start();

  const std::string url = scheme + config.host + ":" + std::to_string(server.port());
  std::cout << "Shortlist listening on " << url << "\n"
            << (config.database.empty() ? "Data directory: " + config.data_dir
                                        : "Database: " + WithoutPassword(config.database))
            << "\n";
  if (!first_token->empty()) {
    std::cout << "Created account 'default'. Its API token (shown only once, keep it):\n"
              << "API token: " << *first_token << "\n"
              << "Try: curl -H 'Authorization: Bearer " << *first_token << "' " << url
              << "/api/v1/rate-limit\n";
  } else {
    std::cout << "Create an API token with: shortlist token create --account NAME "
              << (config.database.empty() ? "--data-dir " + config.data_dir
                                          : "--database " + WithoutPassword(config.database))
              << "\n";
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
