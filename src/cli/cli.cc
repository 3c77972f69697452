#include "cli/cli.h"

#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/client_commands.h"
#include "cli/credits_command.h"
#include "cli/mcp_command.h"
#include "cli/options.h"
#include "cli/screen_command.h"
#include "cli/serve.h"
#include "common/crypto.h"

namespace shortlist::cli {
namespace {

int TokenCreate(const DataLocation& data_dir, const std::string& account_name,
                const std::string& plan_name, const std::string& email,
                const std::string& token_name) {
  auto plan = model::ParsePlan(plan_name);
  if (!plan) {
    std::cerr << "shortlist: --plan must be starter, standard, pro or enterprise\n";
    return 2;
  }
  auto store = OpenDataDir(data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  auto account = (*store)->FindAccountByName(account_name);
  if (!account.ok() && account.error().code == "not_found") {
    account = (*store)->CreateAccount(account_name, email, *plan);
    if (account.ok())
      std::cerr << "Created account '" << account_name << "' (" << plan_name << ")\n";
  }
  if (!account.ok()) {
    std::cerr << "shortlist: " << account.error().message << "\n";
    return 1;
  }
  auto token = IssueToken(**store, account->id, token_name);
  if (!token.ok()) {
    std::cerr << "shortlist: " << token.error().message << "\n";
    return 1;
  }
  std::cout << *token << "\n";
  return 0;
}

int TokenRevoke(const DataLocation& data_dir, const std::string& token_or_prefix) {
  auto store = OpenDataDir(data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  // A whole token is matched by its hash; a listed prefix (sl_xxxxxxx) by the prefix.
  std::string key = token_or_prefix.size() > 10 ? Sha256Hex(token_or_prefix) : token_or_prefix;
  auto revoked = (*store)->RevokeTokens(key, store::Store::kAnyAccount);
  if (!revoked.ok()) {
    std::cerr << "shortlist: " << revoked.error().message << "\n";
    return 1;
  }
  if (*revoked == 0) {
    std::cerr << "shortlist: no live token matches '" << token_or_prefix.substr(0, 10) << "'\n";
    return 1;
  }
  std::cout << "Revoked " << *revoked << " token(s).\n";
  return 0;
}

int TokenList(const DataLocation& data_dir, const std::string& account_name) {
  auto store = OpenDataDir(data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  auto account = (*store)->FindAccountByName(account_name);
  if (!account.ok()) {
    std::cerr << "shortlist: " << account.error().message << "\n";
    return 1;
  }
  auto tokens = (*store)->ListTokens(account->id);
  if (!tokens.ok()) {
    std::cerr << "shortlist: " << tokens.error().message << "\n";
    return 1;
  }
  for (const auto& t : *tokens) {
    std::cout << t.prefix << "…  " << (t.revoked ? "revoked" : "live   ") << "  " << t.name << "\n";
  }
  return 0;
}

// `serve --print-routes`: serve's own wiring, stopped before it listens, so the listing is the
// route table that command line would serve. It runs on a throwaway SQLite data directory
// (whatever --data-dir or --database say): listing routes never creates tables, an account or a
// token in the real database.
int PrintRoutes(ServeConfig config) {
  std::string dir = (std::filesystem::temp_directory_path() / "shortlist-routes-XXXXXX").string();
  if (!mkdtemp(dir.data())) {
    std::cerr << "shortlist: cannot create a temporary directory\n";
    return 1;
  }
  config.data_dir = dir;
  config.database.clear();
  config.log_level = "error";
  const int code = Serve(config);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return code;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"Shortlist: self-hosted candidate screening"};
  app.require_subcommand(1);
  DataLocation data_dir{EnvOr("SHORTLIST_DATA_DIR", "./shortlist-data"),
                        EnvOr("SHORTLIST_DATABASE", "")};
  // Every command that opens the database takes both: --data-dir for SQLite (the default),
  // --database for PostgreSQL.
  auto add_location = [&data_dir](CLI::App* cmd) {
    cmd->add_option("--data-dir", data_dir.data_dir, "data directory (env SHORTLIST_DATA_DIR)");
    cmd->add_option("--database", data_dir.database,
                    "postgresql://user@host:port/db instead of the data directory's SQLite file "
                    "(env SHORTLIST_DATABASE)");
  };
  add_location(&app);

  ServeConfig serve;
  serve.host = EnvOr("SHORTLIST_HOST", "127.0.0.1");
  serve.port = std::stoi(EnvOr("SHORTLIST_PORT", "8080"));
  serve.workers = std::stoi(EnvOr("SHORTLIST_WORKERS", "2"));
  serve.io_threads = std::stoi(EnvOr("SHORTLIST_IO_THREADS", "2"));
  serve.extract_processes = std::stoi(EnvOr("SHORTLIST_EXTRACT_PROCESSES", "0"));
  serve.extract_timeout_ms = std::stoi(EnvOr("SHORTLIST_EXTRACT_TIMEOUT_MS", "10000"));
  serve.extract_memory_mb = std::stoi(EnvOr("SHORTLIST_EXTRACT_MEMORY_MB", "512"));
  serve.public_url = EnvOr("SHORTLIST_PUBLIC_URL", "");
  serve.log_level = EnvOr("SHORTLIST_LOG_LEVEL", "info");
  {
    std::string allow = EnvOr("SHORTLIST_URL_ALLOW_LIST", "");
    for (std::size_t start = 0; start < allow.size();) {
      std::size_t comma = allow.find(',', start);
      if (comma == std::string::npos) comma = allow.size();
      if (comma > start) serve.url_allow_list.push_back(allow.substr(start, comma - start));
      start = comma + 1;
    }
  }
  serve.max_body_bytes = std::stoull(EnvOr("SHORTLIST_MAX_BODY_BYTES", "67108864"));
  serve.webhooks.threads = std::stoi(EnvOr("SHORTLIST_WEBHOOK_THREADS", "2"));
  serve.webhooks.max_attempts = std::stoi(EnvOr("SHORTLIST_WEBHOOK_MAX_ATTEMPTS", "10"));
  serve.webhooks.retry_base_ms = std::stoll(EnvOr("SHORTLIST_WEBHOOK_RETRY_BASE_MS", "10000"));
  serve.webhooks.retry_max_ms = std::stoll(EnvOr("SHORTLIST_WEBHOOK_RETRY_MAX_MS", "3600000"));
  serve.webhooks.timeout_ms = std::stoll(EnvOr("SHORTLIST_WEBHOOK_TIMEOUT_MS", "10000"));
  auto* serve_cmd = app.add_subcommand("serve", "run the HTTP server and the job workers");
  add_location(serve_cmd);
  serve_cmd
      ->add_option("--job-lease-ms", serve.job_lease_ms,
                   "a job whose worker has not renewed its lease for this long is requeued")
      ->check(CLI::Range(300, 3600000));
  serve_cmd->add_option("--host", serve.host, "listen address (env SHORTLIST_HOST)");
  serve_cmd->add_option("--port", serve.port, "port, 0 = any free (env SHORTLIST_PORT)")
      ->check(CLI::Range(0, 65535));
  serve_cmd
      ->add_option("--workers", serve.workers,
                   "screening threads, 0 = only accept jobs (env SHORTLIST_WORKERS)")
      ->check(CLI::Range(0, 256));
  serve_cmd->add_option("--io-threads", serve.io_threads, "HTTP threads (env SHORTLIST_IO_THREADS)")
      ->check(CLI::Range(1, 256));
  serve_cmd
      ->add_option("--extract-processes", serve.extract_processes,
                   "sandboxed processes that read resume files, 0 = one per worker, at least 2 "
                   "(env SHORTLIST_EXTRACT_PROCESSES)")
      ->check(CLI::Range(0, 256));
  serve_cmd
      ->add_option("--extract-timeout-ms", serve.extract_timeout_ms,
                   "time one file may take to read before its process is killed "
                   "(env SHORTLIST_EXTRACT_TIMEOUT_MS)")
      ->check(CLI::Range(100, 600'000));
  serve_cmd
      ->add_option("--extract-memory-mb", serve.extract_memory_mb,
                   "address-space limit of a file-reading process, MiB "
                   "(env SHORTLIST_EXTRACT_MEMORY_MB)")
      ->check(CLI::Range(128, 65536));
  serve_cmd->add_option("--public-url", serve.public_url,
                        "base URL in status_url/results_url (env SHORTLIST_PUBLIC_URL)");
  serve_cmd->add_option("--max-body-bytes", serve.max_body_bytes,
                        "request body cap in bytes (env SHORTLIST_MAX_BODY_BYTES)");
  serve_cmd
      ->add_option("--url-allow-list", serve.url_allow_list,
                   "CIDRs or host names resume URLs may reach although private or loopback "
                   "(env SHORTLIST_URL_ALLOW_LIST, comma-separated)")
      ->delimiter(',');
  serve_cmd
      ->add_option("--webhook-threads", serve.webhooks.threads,
                   "webhook sender threads (env SHORTLIST_WEBHOOK_THREADS)")
      ->check(CLI::Range(1, 64));
  serve_cmd
      ->add_option("--webhook-max-attempts", serve.webhooks.max_attempts,
                   "attempts per webhook delivery before it is failed "
                   "(env SHORTLIST_WEBHOOK_MAX_ATTEMPTS)")
      ->check(CLI::Range(1, 100));
  serve_cmd
      ->add_option("--webhook-retry-base-ms", serve.webhooks.retry_base_ms,
                   "delay before the first webhook retry, doubled per retry, jittered "
                   "(env SHORTLIST_WEBHOOK_RETRY_BASE_MS)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{86'400'000}));
  serve_cmd
      ->add_option(
          "--webhook-retry-max-ms", serve.webhooks.retry_max_ms,
          "longest delay between two webhook attempts (env SHORTLIST_WEBHOOK_RETRY_MAX_MS)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{604'800'000}));
  serve_cmd
      ->add_option("--webhook-timeout-ms", serve.webhooks.timeout_ms,
                   "timeout of one webhook attempt (env SHORTLIST_WEBHOOK_TIMEOUT_MS)")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{120'000}));
  serve.billing.enforce_balance = EnvOr("SHORTLIST_ENFORCE_CREDITS", "0") == "1" ||
                                  EnvOr("SHORTLIST_ENFORCE_CREDITS", "0") == "true";
  serve.stripe.secret_key = EnvOr("SHORTLIST_STRIPE_SECRET_KEY", "");
  serve.stripe.webhook_secret = EnvOr("SHORTLIST_STRIPE_WEBHOOK_SECRET", "");
  serve.stripe.api_base = EnvOr("SHORTLIST_STRIPE_API_BASE", "https://api.stripe.com");
  serve_cmd->add_flag("--enforce-credits", serve.billing.enforce_balance,
                      "refuse jobs the credit balance cannot pay for, 402 (env "
                      "SHORTLIST_ENFORCE_CREDITS=1; default off: usage is recorded only)");
  serve_cmd->add_option("--stripe-secret-key", serve.stripe.secret_key,
                        "Stripe secret key for credit checkout (env SHORTLIST_STRIPE_SECRET_KEY)");
  serve_cmd->add_option("--stripe-webhook-secret", serve.stripe.webhook_secret,
                        "signing secret of the Stripe webhook endpoint "
                        "(env SHORTLIST_STRIPE_WEBHOOK_SECRET)");
  serve_cmd->add_option("--stripe-api-base", serve.stripe.api_base,
                        "Stripe API base URL (env SHORTLIST_STRIPE_API_BASE)");
  serve.tls_cert_file = EnvOr("SHORTLIST_TLS_CERT", "");
  serve.tls_key_file = EnvOr("SHORTLIST_TLS_KEY", "");
  // Serve() refuses one without the other (a flag may pair with the other's variable).
  serve_cmd->add_option(
      "--tls-cert", serve.tls_cert_file,
      "serve HTTPS with this PEM certificate chain; needs --tls-key (env SHORTLIST_TLS_CERT)");
  serve_cmd->add_option("--tls-key", serve.tls_key_file,
                        "PEM private key of --tls-cert (env SHORTLIST_TLS_KEY)");
  serve_cmd->add_option("--log-level", serve.log_level,
                        "debug|info|warn|error (env SHORTLIST_LOG_LEVEL)");
  serve_cmd->add_flag("--print-routes", serve.print_routes,
                      "print the routes this server answers (METHOD PATTERN lines) and exit "
                      "without listening; uses a throwaway data directory");

  auto* token_cmd = app.add_subcommand("token", "manage API tokens");
  token_cmd->require_subcommand(1);
  std::string account = "default", plan = "standard", email, token_name = "cli", target;
  auto* create = token_cmd->add_subcommand("create", "create a token (and the account if new)");
  add_location(create);
  create->add_option("--account", account, "account name")->required();
  create->add_option("--plan", plan, "starter|standard|pro|enterprise (new accounts)");
  create->add_option("--email", email, "account e-mail (new accounts)");
  create->add_option("--name", token_name, "a label for the token");
  auto* revoke = token_cmd->add_subcommand("revoke", "revoke a token at once");
  add_location(revoke);
  revoke->add_option("token", target, "the token, or its listed prefix")->required();
  auto* list = token_cmd->add_subcommand("list", "list an account's tokens");
  add_location(list);
  list->add_option("--account", account, "account name");
  app.add_subcommand("version", "print the version");
  auto run_screen = AddScreenCommand(app);
  auto run_client_command = AddClientCommands(app);
  auto run_mcp = AddMcpCommand(app);
  auto run_credits = AddCreditsCommand(app, &data_dir);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (auto* run : {&run_screen, &run_client_command, &run_mcp, &run_credits}) {
    if (std::optional<int> code = (*run)()) return *code;
  }
  if (serve_cmd->parsed()) {
    serve.data_dir = data_dir.data_dir;
    serve.database = data_dir.database;
    if (serve.print_routes) return PrintRoutes(serve);
    return Serve(serve);
  }
  if (create->parsed()) return TokenCreate(data_dir, account, plan, email, token_name);
  if (revoke->parsed()) return TokenRevoke(data_dir, target);
  if (list->parsed()) return TokenList(data_dir, account);
  std::cout << "shortlist 0.1.0\n";
  return 0;
}

}  // namespace shortlist::cli
