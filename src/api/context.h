// What the API handlers share: the store, the workers (to wake them and ask for an ETA), the
// engine, the clock and the rate limiter. Owned by the server's main; outlives every handler.
#pragma once

#include <string>

#include "common/clock.h"
#include "engine/engine.h"
#include "http/message.h"
#include "http/rate_limiter.h"
#include "jobs/worker_pool.h"
#include "store/store.h"

namespace shortlist::api {

struct ApiContext {
  store::Store* store = nullptr;
  jobs::WorkerPool* workers = nullptr;
  const jobs::Screener* screener = nullptr;
  http::RateLimiter* rate_limiter = nullptr;
  const Clock* clock = nullptr;
  std::string public_url;  // e.g. "https://shortlist.example.com"; "" = from the Host header
};

// The base URL clients reached us at: public_url if set, else "http://" + Host header.
std::string BaseUrl(const ApiContext& ctx, const http::Request& request);

}  // namespace shortlist::api
