// What the API handlers share: the store, the workers (to wake them and ask for an ETA), the
// engine, the clock, the rate limiter, billing and the webhook outbox. Owned by the server's main;
// outlives every handler.
#pragma once

#include <string>

#include "billing/billing.h"
#include "common/clock.h"
#include "engine/engine.h"
#include "http/message.h"
#include "http/rate_limiter.h"
#include "jobs/worker_pool.h"
#include "store/store.h"
#include "webhooks/event_sink.h"

namespace shortlist::api {

struct ApiContext {
  store::Store* store = nullptr;
  jobs::WorkerPool* workers = nullptr;
  const jobs::Screener* screener = nullptr;
  http::RateLimiter* rate_limiter = nullptr;
  const Clock* clock = nullptr;
  billing::Billing* billing = nullptr;    // null: nothing is charged (tests of other parts)
  webhooks::EventSink* events = nullptr;  // null: no webhook is sent
  std::string public_url;  // e.g. "https://shortlist.example.com"; "" = from the Host header
  bool tls = false;        // served over HTTPS (serve --tls-cert): URLs from Host are https://
};

// The base URL clients reached us at: public_url if set, else the scheme we serve + Host header.
std::string BaseUrl(const ApiContext& ctx, const http::Request& request);

}  // namespace shortlist::api
