// What the API handlers share: the services they translate HTTP into (jobs, tokens), the rate
// limiter, the clock and how the server is reached. Owned by the server's assembly (app/);
// outlives every handler.
#pragma once

#include <string>

#include "accounts/token_service.h"
#include "common/clock.h"
#include "http/message.h"
#include "http/rate_limiter.h"
#include "ingest/extractor.h"
#include "jobs/job_service.h"

namespace shortlist::billing {
class Payments;
}

namespace shortlist::api {

struct ApiContext {
  jobs::JobService* jobs = nullptr;
  accounts::TokenService* tokens = nullptr;
  http::RateLimiter* rate_limiter = nullptr;
  billing::Payments* payments = nullptr;  // direct purchases (billing/payments.h); may be null
  // Opens uploaded ZIP archives (upload-zip); the server passes its sandbox, as the screener's.
  const ingest::Extractor* extractor = &ingest::InProcessExtractor();
  const Clock* clock = nullptr;
  std::string public_url;  // e.g. "https://shortlist.example.com"; "" = from the Host header
  bool tls = false;        // served over HTTPS (serve --tls-cert): URLs from Host are https://
  // Resumes a Jobs API job may hold (serve --max-resumes-per-job; the reference's 100 by
  // default). Above 1,000 it also raises /v1/bulk-screen's Enterprise cap (evaluate_api.cc).
  int max_resumes_per_job = 100;
};

// The base URL clients reached us at: public_url if set, else the scheme we serve + Host header.
std::string BaseUrl(const ApiContext& ctx, const http::Request& request);

}  // namespace shortlist::api
