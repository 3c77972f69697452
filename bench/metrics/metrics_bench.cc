// What counting a request for GET /metrics costs the request path.
//
// Dispatches GET /api/v1/jobs/{job_id} (a trivial handler, no token: router, dispatcher and
// response only, so the counting is as large a share as it can be) through http::Dispatcher,
// first without RequestMetrics (the baseline), then with it, on 1 and 2 threads at once (two
// threads bump the same route's counters, the worst case for contention). Eleven rounds each,
// alternating; prints the median ns per request of both and the difference, then the cost of
// the counting alone (two clock reads and Record(), no request around it).
//
// Build and run:
//   cmake --build build --target metrics_bench && ./build/bench/metrics/metrics_bench [requests]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/log.h"
#include "http/dispatcher.h"
#include "http/metrics.h"

namespace {

using namespace shortlist;

double NanosPerRequest(const http::Dispatcher& dispatcher, int threads, int requests) {
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&dispatcher, requests] {
      for (int i = 0; i < requests; ++i) {
        http::Request request;
        request.method = "GET";
        request.path = "/api/v1/jobs/12345";
        http::Response response = dispatcher.Dispatch(request);
        if (response.status != 200) std::abort();
      }
    });
  }
  for (auto& t : pool) t.join();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  return static_cast<double>(nanos) / requests;  // wall time per request per thread
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 100'000;
  SetLogLevel(LogLevel::kWarn);  // as the HTTP load benchmark runs the server

  http::Router router;
  for (const char* pattern : {"/healthz", "/readyz", "/api/v1/jobs", "/api/v1/jobs/bulk"}) {
    router.Add({"GET", pattern,
                [](const http::Request&, const http::Caller*) {
                  return http::Response::Json(200, {{"ok", true}});
                },
                false, ""});
  }
  router.Add({"GET", "/api/v1/jobs/{job_id}",
              [](const http::Request& r, const http::Caller*) {
                return http::Response::Json(200, {{"id", r.path_params.at("job_id")}});
              },
              false, ""});
  FakeClock clock(0);
  http::RateLimiter limiter(clock);
  // Every route is public: no credential is ever looked up.
  auto no_tokens = [](const std::string&) -> Result<model::Principal> {
    return Error::Make("not_found", "no tokens here");
  };
  http::Dispatcher plain(router, no_tokens, limiter, clock);
  http::RequestMetrics metrics(router);
  http::Dispatcher counted(router, no_tokens, limiter, clock);
  counted.SetMetrics(&metrics);

  // Rounds alternate which variant runs first, so a burst of load from elsewhere on the
  // machine falls on both alike; the median of each is printed.
  for (int threads : {1, 2}) {
    std::vector<double> base, with;
    for (int round = 0; round < 11; ++round) {
      if (round % 2 == 0) base.push_back(NanosPerRequest(plain, threads, requests));
      with.push_back(NanosPerRequest(counted, threads, requests));
      if (round % 2 == 1) base.push_back(NanosPerRequest(plain, threads, requests));
    }
    const double b = Median(base), w = Median(with);
    std::printf(
        "%d thread(s): baseline (no metrics) %.0f ns/request, with metrics %.0f "
        "ns/request, difference %+.0f ns (%+.1f%%)\n",
        threads, b, w, w - b, 100.0 * (w - b) / b);
  }
  // The counting alone, without the request around it: the clock read the dispatcher adds and
  // Record().
  std::vector<double> record;
  for (int round = 0; round < 11; ++round) {
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      metrics.Record(&router.routes()[4], "GET", 200, std::chrono::steady_clock::now() - t0);
    }
    record.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                             std::chrono::steady_clock::now() - started)
                                             .count()) /
                     requests);
  }
  std::vector<double> clock_only;  // the two clock reads of the loop above, nothing else
  for (int round = 0; round < 11; ++round) {
    auto started = std::chrono::steady_clock::now();
    std::int64_t sink = 0;
    for (int i = 0; i < requests; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      sink += (std::chrono::steady_clock::now() - t0).count();
    }
    clock_only.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                 std::chrono::steady_clock::now() - started)
                                                 .count()) /
                         requests);
    if (sink < 0) std::abort();
  }
  std::printf(
      "two clock reads + Record(): %.0f ns; the two clock reads alone: %.0f ns "
      "(medians of 11 rounds; the dispatcher read the clock once before metrics)\n",
      Median(record), Median(clock_only));
  return 0;
}
