// Everything `shortlist serve` can be told, with its default. cli/ fills it from flags and
// SHORTLIST_* variables; app::Server builds the server from it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "billing/billing_service.h"
#include "webhooks/options.h"

namespace shortlist::app {

struct ServerConfig {
  std::string data_dir;      // holds shortlist.db
  std::string database;      // a postgresql:// URL instead of data_dir/shortlist.db; "" = SQLite
  int job_lease_ms = 30000;  // a job not heartbeated for this long is requeued
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port (printed)
  int workers = 2;         // screening threads
  int io_threads = 2;      // HTTP event-loop threads
  std::string public_url;  // base for status_url/results_url; "" = from the Host header
  std::string log_level = "info";
  // Resume URLs a worker fetches at once (each screening batch's URLs are fetched together).
  int fetch_concurrency = 32;
  std::vector<std::string> url_allow_list;  // CIDRs/hosts resume URLs may reach despite the
                                            // SSRF guard (e.g. 127.0.0.1/32 for tests)
  std::size_t max_body_bytes = 64u << 20;   // larger request bodies answer 413
  // Resumes one queued job may hold (Jobs API, and raising /v1/bulk-screen's top plan cap).
  int max_resumes_per_job = 100;
  // Requests that do slow work (/v1/evaluate, webhook tests, Stripe calls) run on this many
  // threads, with this many more waiting; beyond that they answer 503 with Retry-After.
  int slow_request_threads = 4;
  int max_connections = 0;  // open at once; 0: from the NOFILE limit (http/server.h)
  int slow_request_queue = 16;
  std::string tls_cert_file;  // HTTPS: PEM certificate chain; with tls_key_file, else plain HTTP
  std::string tls_key_file;   // HTTPS: PEM private key of the certificate
  webhooks::WebhookOptions webhooks;  // retry timing and senders of the outbox
  billing::BillingOptions billing;    // enforce_balance: --enforce-credits
  billing::StripeConfig stripe;       // secret key, webhook signing secret, API base URL

  // Resume files are read in sandboxed worker processes (ingest/extractor.h).
  int extract_processes = 0;       // how many; 0 = max(2, workers)
  int extract_timeout_ms = 10000;  // wall-clock budget of one file; its process is killed after
  int extract_memory_mb = 512;     // address-space limit (RLIMIT_AS) of one process
};

}  // namespace shortlist::app
