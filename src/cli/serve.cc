#include "cli/serve.h"

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/server.h"
#include "common/log.h"

namespace shortlist::cli {
namespace {

LogLevel ParseLogLevel(const std::string& s) {
  if (s == "debug") return LogLevel::kDebug;
  if (s == "warn") return LogLevel::kWarn;
  if (s == "error") return LogLevel::kError;
  return LogLevel::kInfo;
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

std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// The defaults, as the SHORTLIST_* variables set them; flags override them.
app::ServerConfig ConfigFromEnvironment() {
  app::ServerConfig c;
  c.host = EnvOr("SHORTLIST_HOST", "127.0.0.1");
  c.port = std::stoi(EnvOr("SHORTLIST_PORT", "8080"));
  c.workers = std::stoi(EnvOr("SHORTLIST_WORKERS", "2"));
  c.io_threads = std::stoi(EnvOr("SHORTLIST_IO_THREADS", "2"));
  c.extract_processes = std::stoi(EnvOr("SHORTLIST_EXTRACT_PROCESSES", "0"));
  c.extract_timeout_ms = std::stoi(EnvOr("SHORTLIST_EXTRACT_TIMEOUT_MS", "10000"));
  c.extract_memory_mb = std::stoi(EnvOr("SHORTLIST_EXTRACT_MEMORY_MB", "512"));
  c.public_url = EnvOr("SHORTLIST_PUBLIC_URL", "");
  c.log_level = EnvOr("SHORTLIST_LOG_LEVEL", "info");
  c.url_allow_list = CommaList(EnvOr("SHORTLIST_URL_ALLOW_LIST", ""));
  c.fetch_concurrency = std::stoi(EnvOr("SHORTLIST_FETCH_CONCURRENCY", "32"));
  c.max_body_bytes = std::stoull(EnvOr("SHORTLIST_MAX_BODY_BYTES", "67108864"));
  c.max_connections = std::stoi(EnvOr("SHORTLIST_MAX_CONNECTIONS", "0"));
  c.max_resumes_per_job = std::stoi(EnvOr("SHORTLIST_MAX_RESUMES_PER_JOB", "100"));
  c.slow_request_threads = std::stoi(EnvOr("SHORTLIST_SLOW_REQUEST_THREADS", "4"));
  c.slow_request_queue = std::stoi(EnvOr("SHORTLIST_SLOW_REQUEST_QUEUE", "16"));
  c.webhooks.threads = std::stoi(EnvOr("SHORTLIST_WEBHOOK_THREADS", "2"));
  c.webhooks.max_attempts = std::stoi(EnvOr("SHORTLIST_WEBHOOK_MAX_ATTEMPTS", "10"));
  c.webhooks.retry_base_ms = std::stoll(EnvOr("SHORTLIST_WEBHOOK_RETRY_BASE_MS", "10000"));
  c.webhooks.retry_max_ms = std::stoll(EnvOr("SHORTLIST_WEBHOOK_RETRY_MAX_MS", "3600000"));
  c.webhooks.timeout_ms = std::stoll(EnvOr("SHORTLIST_WEBHOOK_TIMEOUT_MS", "10000"));
  const std::string enforce = EnvOr("SHORTLIST_ENFORCE_CREDITS", "0");
  c.billing.enforce_balance = enforce == "1" || enforce == "true";
  c.stripe.secret_key = EnvOr("SHORTLIST_STRIPE_SECRET_KEY", "");
  c.stripe.webhook_secret = EnvOr("SHORTLIST_STRIPE_WEBHOOK_SECRET", "");
  c.stripe.api_base = EnvOr("SHORTLIST_STRIPE_API_BASE", "https://api.stripe.com");
  c.tls_cert_file = EnvOr("SHORTLIST_TLS_CERT", "");
  c.tls_key_file = EnvOr("SHORTLIST_TLS_KEY", "");
  return c;
}

void AddListenFlags(CLI::App* cmd, app::ServerConfig* c) {
  cmd->add_option("--job-lease-ms", c->job_lease_ms,
                  "a job whose worker has not renewed its lease for this long is requeued")
      ->check(CLI::Range(300, 3600000));
  cmd->add_option("--host", c->host, "listen address (env SHORTLIST_HOST)");
  cmd->add_option("--port", c->port, "port, 0 = any free (env SHORTLIST_PORT)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--workers", c->workers,
                  "screening threads, 0 = only accept jobs (env SHORTLIST_WORKERS)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--io-threads", c->io_threads, "HTTP threads (env SHORTLIST_IO_THREADS)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--public-url", c->public_url,
                  "base URL in status_url/results_url (env SHORTLIST_PUBLIC_URL)");
  cmd->add_option("--max-body-bytes", c->max_body_bytes,
                  "request body cap in bytes (env SHORTLIST_MAX_BODY_BYTES)");
  cmd->add_option("--max-resumes-per-job", c->max_resumes_per_job,
                  "resumes one job may hold: POST /api/v1/jobs and /jobs/bulk; above 1000 it also "
                  "raises /v1/bulk-screen's Enterprise cap (env SHORTLIST_MAX_RESUMES_PER_JOB)")
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--max-connections", c->max_connections,
                  "connections open at once, 0 = three quarters of the file descriptor limit "
                  "(env SHORTLIST_MAX_CONNECTIONS)")
      ->check(CLI::Range(0, 1'000'000));
  cmd->add_option("--slow-request-threads", c->slow_request_threads,
                  "threads for requests that do slow work: /v1/evaluate, webhook tests, Stripe "
                  "(env SHORTLIST_SLOW_REQUEST_THREADS)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--slow-request-queue", c->slow_request_queue,
                  "slow requests that may wait for a thread; more answer 503 "
                  "(env SHORTLIST_SLOW_REQUEST_QUEUE)")
      ->check(CLI::Range(0, 10000));
  cmd->add_option("--fetch-concurrency", c->fetch_concurrency,
                  "resume URLs a worker fetches at once (env SHORTLIST_FETCH_CONCURRENCY)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--url-allow-list", c->url_allow_list,
                  "CIDRs or host names resume URLs may reach although private or loopback "
                  "(env SHORTLIST_URL_ALLOW_LIST, comma-separated)")
      ->delimiter(',');
  // Open() refuses one without the other (a flag may pair with the other's variable).
  cmd->add_option(
      "--tls-cert", c->tls_cert_file,
      "serve HTTPS with this PEM certificate chain; needs --tls-key (env SHORTLIST_TLS_CERT)");
  cmd->add_option("--tls-key", c->tls_key_file,
                  "PEM private key of --tls-cert (env SHORTLIST_TLS_KEY)");
  cmd->add_option("--log-level", c->log_level, "debug|info|warn|error (env SHORTLIST_LOG_LEVEL)");
}

void AddExtractFlags(CLI::App* cmd, app::ServerConfig* c) {
  cmd->add_option("--extract-processes", c->extract_processes,
                  "sandboxed processes that read resume files, 0 = one per worker, at least 2 "
                  "(env SHORTLIST_EXTRACT_PROCESSES)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--extract-timeout-ms", c->extract_timeout_ms,
                  "time one file may take to read before its process is killed "
                  "(env SHORTLIST_EXTRACT_TIMEOUT_MS)")
      ->check(CLI::Range(100, 600'000));
  cmd->add_option("--extract-memory-mb", c->extract_memory_mb,
                  "address-space limit of a file-reading process, MiB "
                  "(env SHORTLIST_EXTRACT_MEMORY_MB)")
      ->check(CLI::Range(128, 65536));
}

void AddWebhookFlags(CLI::App* cmd, webhooks::WebhookOptions* w) {
  cmd->add_option("--webhook-threads", w->threads,
                  "webhook sender threads (env SHORTLIST_WEBHOOK_THREADS)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--webhook-max-attempts", w->max_attempts,
                  "attempts per webhook delivery before it is failed "
                  "(env SHORTLIST_WEBHOOK_MAX_ATTEMPTS)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--webhook-retry-base-ms", w->retry_base_ms,
                  "delay before the first webhook retry, doubled per retry, jittered "
                  "(env SHORTLIST_WEBHOOK_RETRY_BASE_MS)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{86'400'000}));
  cmd->add_option("--webhook-retry-max-ms", w->retry_max_ms,
                  "longest delay between two webhook attempts (env SHORTLIST_WEBHOOK_RETRY_MAX_MS)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{604'800'000}));
  cmd->add_option("--webhook-timeout-ms", w->timeout_ms,
                  "timeout of one webhook attempt (env SHORTLIST_WEBHOOK_TIMEOUT_MS)")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{120'000}));
}

void AddBillingFlags(CLI::App* cmd, app::ServerConfig* c) {
  cmd->add_flag("--enforce-credits", c->billing.enforce_balance,
                "refuse jobs the credit balance cannot pay for, 402 (env "
                "SHORTLIST_ENFORCE_CREDITS=1; default off: usage is recorded only)");
  cmd->add_option("--stripe-secret-key", c->stripe.secret_key,
                  "Stripe secret key for credit checkout (env SHORTLIST_STRIPE_SECRET_KEY)");
  cmd->add_option("--stripe-webhook-secret", c->stripe.webhook_secret,
                  "signing secret of the Stripe webhook endpoint "
                  "(env SHORTLIST_STRIPE_WEBHOOK_SECRET)");
  cmd->add_option("--stripe-api-base", c->stripe.api_base,
                  "Stripe API base URL (env SHORTLIST_STRIPE_API_BASE)");
}

// Exit code 2 for a setting that cannot work, 1 for anything else.
int Fail(const Error& error) {
  std::cerr << "shortlist: " << error.message << "\n";
  return error.code == "tls_config" || error.code == "usage" ? 2 : 1;
}

void PrintWelcome(const app::ServerConfig& config, const app::Server& server) {
  const std::string url = server.url();
  std::cout << "Shortlist listening on " << url << "\n"
            << (config.database.empty() ? "Data directory: " + config.data_dir
                                        : "Database: " + WithoutPassword(config.database))
            << "\n";
  if (!server.first_token().empty()) {
    std::cout << "Created account 'default'. Its API token (shown only once, keep it):\n"
              << "API token: " << server.first_token() << "\n"
              << "Try: curl -H 'Authorization: Bearer " << server.first_token() << "' " << url
              << "/api/v1/rate-limit\n";
  } else {
    std::cout << "Create an API token with: shortlist token create --account NAME "
              << (config.database.empty() ? "--data-dir " + config.data_dir
                                          : "--database " + WithoutPassword(config.database))
              << "\n";
  }
  std::cout.flush();
}

int Serve(const app::ServerConfig& config) {
  SetLogLevel(ParseLogLevel(config.log_level));
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  auto server = app::Server::Open(config);
  if (!server.ok()) return Fail(server.error());
  if (Status started = (*server)->Start(); !started.ok()) return Fail(started.error());
  PrintWelcome(config, **server);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  Log(LogLevel::kInfo, "shutting down", {{"signal", signal}});
  (*server)->Stop();
  Log(LogLevel::kInfo, "stopped");
  return 0;
}

// `serve --print-routes`: serve's own wiring, stopped before it listens, so the listing is the
// route table that command line would serve. It runs on a throwaway SQLite data directory
// (whatever --data-dir or --database say): listing routes never creates tables, an account or a
// token in the real database.
int PrintRoutes(app::ServerConfig config) {
  std::string dir = (std::filesystem::temp_directory_path() / "shortlist-routes-XXXXXX").string();
  if (!mkdtemp(dir.data())) {
    std::cerr << "shortlist: cannot create a temporary directory\n";
    return 1;
  }
  config.data_dir = dir;
  config.database.clear();
  SetLogLevel(LogLevel::kError);
  int code = 0;
  {
    auto server = app::Server::Open(config);
    if (!server.ok()) {
      code = Fail(server.error());
    } else {
      for (const http::Route& route : (*server)->router().routes()) {
        std::cout << route.method << ' ' << route.pattern << '\n';
      }
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return code;
}

}  // namespace

std::function<std::optional<int>()> AddServeCommand(CLI::App& app, DataLocation* data_dir,
                                                    const LocationFlags& add_location) {
  auto config = std::make_shared<app::ServerConfig>(ConfigFromEnvironment());
  auto print_routes = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("serve", "run the HTTP server and the job workers");
  add_location(cmd);
  AddListenFlags(cmd, config.get());
  AddExtractFlags(cmd, config.get());
  AddWebhookFlags(cmd, &config->webhooks);
  AddBillingFlags(cmd, config.get());
  cmd->add_flag("--print-routes", *print_routes,
                "print the routes this server answers (METHOD PATTERN lines) and exit "
                "without listening; uses a throwaway data directory");
  return [=]() -> std::optional<int> {
    if (!cmd->parsed()) return std::nullopt;
    config->data_dir = data_dir->data_dir;
    config->database = data_dir->database;
    return *print_routes ? PrintRoutes(*config) : Serve(*config);
  };
}

}  // namespace shortlist::cli
