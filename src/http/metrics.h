// Request metrics for GET /metrics (Prometheus text exposition format 0.0.4): how many requests
// each route answered, by status, and how long they took; and a writer for that format.
//
// Design: routes are known before serving starts, so every series has a fixed place: the
// route's index in the Router, or one "unmatched" slot per method for requests no route took
// (404, 405). Each series is an array of relaxed atomics (one per standard status code, one per
// histogram bucket, a sum and a count) allocated once at construction, so Record() takes no
// lock and allocates nothing; it runs on every request. Reading walks the arrays and writes the
// series that saw a request; a scrape never blocks a request. Series are labelled by route
// PATTERN ("/api/v1/jobs/{job_id}"), never by the raw path, so their number stays bounded.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "http/router.h"

namespace shortlist::http {

// The Content-Type of the Prometheus text format.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4";

// Appends Prometheus text: one "# HELP" and "# TYPE" header per family, then its samples.
// Label values are escaped (\\, \", \n); metric and label names are the caller's constants.
class PrometheusWriter {
 public:
  using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit PrometheusWriter(std::string* out) : out_(*out) {}

  // `type`: "counter", "gauge" or "histogram".
  void Family(std::string_view name, std::string_view type, std::string_view help);
  void Sample(std::string_view name, Labels labels, std::uint64_t value);
  void Sample(std::string_view name, Labels labels, double value);

 private:
  void Start(std::string_view name, Labels labels);
  std::string& out_;
};

// Thread-safe: Record and AppendPrometheusText may run concurrently from any threads.
class RequestMetrics {
 public:
  // Upper bounds of the duration histogram's buckets, in seconds (+Inf is implicit).
  static constexpr double kBucketSeconds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                              0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  static constexpr std::size_t kBuckets = std::size(kBucketSeconds);

  // `router` must outlive this and must not gain routes while requests are recorded (routes are
  // added before serving). Room for `max_routes` routes; requests of a route past that count as
  // route="other". No route needs to exist yet.
  explicit RequestMetrics(const Router& router, std::size_t max_routes = 512);
  ~RequestMetrics();
  RequestMetrics(const RequestMetrics&) = delete;
  RequestMetrics& operator=(const RequestMetrics&) = delete;

  // Counts one answered request: `route` is the route that took it (one of the router's), or
  // null when none did; `method` is the request's; `status` the answer's. Lock-free.
  void Record(const Route* route, std::string_view method, int status,
              std::chrono::nanoseconds elapsed);

  // Appends shortlist_http_requests_total{route,method,status} and the histogram
  // shortlist_http_request_duration_seconds{route,method} (_bucket{le}, _sum, _count).
  void AppendPrometheusText(PrometheusWriter& writer) const;

  // Requests counted for the route with this pattern and method ("unmatched" for none) and
  // status. For tests and tools.
  std::uint64_t Count(std::string_view route, std::string_view method, int status) const;

 private:
  struct Series;
  // The series for a request, or null when `route` is not one of the router's.
  Series* Find(const Route* route, std::string_view method) const;
  // Label values of series `index`.
  std::pair<std::string_view, std::string_view> LabelsOf(std::size_t index) const;

  const Router& router_;
  const std::size_t max_routes_;
  // [0, max_routes_): routes by index; then the "other" route; then unmatched by method.
  std::unique_ptr<Series[]> series_;
  std::size_t series_count_;
};

}  // namespace shortlist::http
