#include "http/metrics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace shortlist::http {
namespace {

// The status codes a series counts one by one; anything else counts as status="other".
constexpr int kStatusCodes[] = {100, 101, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303,
                                304, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
                                410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 425,
                                426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505};
constexpr std::size_t kKnownStatuses = std::size(kStatusCodes);
constexpr std::size_t kStatusSlots = kKnownStatuses + 1;  // the last one is "other"

// status code -> slot, for 0..599.
constexpr std::array<std::uint8_t, 600> MakeStatusSlots() {
  std::array<std::uint8_t, 600> slots{};
  for (auto& s : slots) s = static_cast<std::uint8_t>(kKnownStatuses);
  for (std::size_t i = 0; i < kKnownStatuses; ++i) {
    slots[static_cast<std::size_t>(kStatusCodes[i])] = static_cast<std::uint8_t>(i);
  }
  return slots;
}
constexpr std::array<std::uint8_t, 600> kStatusSlot = MakeStatusSlots();

std::size_t StatusSlot(int status) {
  return status >= 0 && status < 600 ? kStatusSlot[static_cast<std::size_t>(status)]
                                     : kKnownStatuses;
}

// Requests no route took are split by method; an unusual method counts as "OTHER", so a client
// cannot create series.
constexpr std::string_view kMethods[] = {"GET",   "HEAD",   "POST",    "PUT",
                                         "PATCH", "DELETE", "OPTIONS", "OTHER"};
constexpr std::size_t kMethodCount = std::size(kMethods);

std::size_t MethodSlot(std::string_view method) {
  for (std::size_t i = 0; i + 1 < kMethodCount; ++i) {
    if (kMethods[i] == method) return i;
  }
  return kMethodCount - 1;
}

constexpr std::array<std::uint64_t, RequestMetrics::kBuckets> MakeBucketNanos() {
  std::array<std::uint64_t, RequestMetrics::kBuckets> nanos{};
  for (std::size_t i = 0; i < RequestMetrics::kBuckets; ++i) {
    nanos[i] = static_cast<std::uint64_t>(RequestMetrics::kBucketSeconds[i] * 1e9 + 0.5);
  }
  return nanos;
}
constexpr std::array<std::uint64_t, RequestMetrics::kBuckets> kBucketNanos = MakeBucketNanos();

void AppendDouble(double value, std::string* out) {
  if (std::isinf(value)) {
    *out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (std::isnan(value)) {
    *out += "NaN";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out->append(buf, ec == std::errc() ? end : buf);
}

void AppendLabelValue(std::string_view value, std::string* out) {
  for (char c : value) {
    if (c == '\\') {
      *out += "\\\\";
    } else if (c == '"') {
      *out += "\\\"";
    } else if (c == '\n') {
      *out += "\\n";
    } else {
      *out += c;
    }
  }
}

}  // namespace

void PrometheusWriter::Family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  for (char c : help) {  // HELP escapes only \ and newline
    if (c == '\\') {
      out_ += "\\\\";
    } else if (c == '\n') {
      out_ += "\\n";
    } else {
      out_ += c;
    }
  }
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusWriter::Start(std::string_view name, Labels labels) {
  out_ += name;
  if (labels.size() == 0) {
    out_ += ' ';
    return;
  }
  char separator = '{';
  for (const auto& [label, value] : labels) {
    out_ += separator;
    separator = ',';
    out_ += label;
    out_ += "=\"";
    AppendLabelValue(value, &out_);
    out_ += '"';
  }
  out_ += "} ";
}

void PrometheusWriter::Sample(std::string_view name, Labels labels, std::uint64_t value) {
  Start(name, labels);
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusWriter::Sample(std::string_view name, Labels labels, double value) {
  Start(name, labels);
  AppendDouble(value, &out_);
  out_ += '\n';
}

struct RequestMetrics::Series {
  std::array<std::atomic<std::uint64_t>, kStatusSlots> by_status{};
  // Not cumulative: buckets[i] counts durations in (bound[i-1], bound[i]]; the last one counts
  // those above every bound. Summed when written.
  std::array<std::atomic<std::uint64_t>, kBuckets + 1> buckets{};
  std::atomic<std::uint64_t> sum_nanos{0};

  bool Used() const {
    for (const auto& b : buckets) {
      if (b.load(std::memory_order_relaxed) > 0) return true;
    }
    return false;
  }
};

RequestMetrics::RequestMetrics(const Router& router, std::size_t max_routes)
    : router_(router),
      max_routes_(max_routes),
      series_(std::make_unique<Series[]>(max_routes + 1 + kMethodCount)),
      series_count_(max_routes + 1 + kMethodCount) {}

RequestMetrics::~RequestMetrics() = default;

RequestMetrics::Series* RequestMetrics::Find(const Route* route, std::string_view method) const {
  if (route == nullptr) return &series_[max_routes_ + 1 + MethodSlot(method)];
  const std::vector<Route>& routes = router_.routes();
  if (routes.empty() || route < routes.data() || route >= routes.data() + routes.size()) {
    return nullptr;
  }
  const auto index = static_cast<std::size_t>(route - routes.data());
  return &series_[index < max_routes_ ? index : max_routes_];
}

void RequestMetrics::Record(const Route* route, std::string_view method, int status,
                            std::chrono::nanoseconds elapsed) {
  Series* series = Find(route, method);
  if (series == nullptr) return;
  const std::uint64_t nanos = elapsed.count() > 0 ? static_cast<std::uint64_t>(elapsed.count()) : 0;
  std::size_t bucket = 0;
  while (bucket < kBuckets && nanos > kBucketNanos[bucket]) ++bucket;
  constexpr auto kRelaxed = std::memory_order_relaxed;
  series->by_status[StatusSlot(status)].fetch_add(1, kRelaxed);
  series->buckets[bucket].fetch_add(1, kRelaxed);
  series->sum_nanos.fetch_add(nanos, kRelaxed);
}

std::pair<std::string_view, std::string_view> RequestMetrics::LabelsOf(std::size_t index) const {
  if (index < max_routes_) {
    const Route& route = router_.routes()[index];
    return {route.pattern, route.method};
  }
  if (index == max_routes_) return {"other", "OTHER"};
  return {"unmatched", kMethods[index - max_routes_ - 1]};
}

void RequestMetrics::AppendPrometheusText(PrometheusWriter& writer) const {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  const std::size_t routes = std::min(router_.routes().size(), max_routes_);
  auto used = [&](std::size_t i) { return (i < routes || i >= max_routes_) && series_[i].Used(); };
  writer.Family("shortlist_http_requests_total", "counter",
                "HTTP requests answered, by route pattern, method and status.");
  for (std::size_t i = 0; i < series_count_; ++i) {
    if (!used(i)) continue;
    auto [route, method] = LabelsOf(i);
    for (std::size_t s = 0; s < kStatusSlots; ++s) {
      const std::uint64_t n = series_[i].by_status[s].load(kRelaxed);
      if (n == 0) continue;
      const std::string status = s < kKnownStatuses ? std::to_string(kStatusCodes[s]) : "other";
      writer.Sample("shortlist_http_requests_total",
                    {{"route", route}, {"method", method}, {"status", status}}, n);
    }
  }
  writer.Family("shortlist_http_request_duration_seconds", "histogram",
                "Time from a parsed request to its answer, by route pattern and method.");
  for (std::size_t i = 0; i < series_count_; ++i) {
    if (!used(i)) continue;
    auto [route, method] = LabelsOf(i);
    const Series& series = series_[i];
    std::uint64_t cumulative = 0;
    char le[32];
    for (std::size_t b = 0; b < kBuckets; ++b) {
      cumulative += series.buckets[b].load(kRelaxed);
      auto [end, ec] =
          std::to_chars(le, le + sizeof le, kBucketSeconds[b], std::chars_format::fixed);
      writer.Sample("shortlist_http_request_duration_seconds_bucket",
                    {{"route", route}, {"method", method}, {"le", std::string_view(le, end - le)}},
                    cumulative);
    }
    cumulative += series.buckets[kBuckets].load(kRelaxed);
    writer.Sample("shortlist_http_request_duration_seconds_bucket",
                  {{"route", route}, {"method", method}, {"le", "+Inf"}}, cumulative);
    writer.Sample("shortlist_http_request_duration_seconds_sum",
                  {{"route", route}, {"method", method}},
                  static_cast<double>(series.sum_nanos.load(kRelaxed)) / 1e9);
    // The count is the +Inf bucket, so the two always agree even while requests are recorded.
    writer.Sample("shortlist_http_request_duration_seconds_count",
                  {{"route", route}, {"method", method}}, cumulative);
  }
}

std::uint64_t RequestMetrics::Count(std::string_view route, std::string_view method,
                                    int status) const {
  const std::size_t slot = StatusSlot(status);
  if (route == "unmatched") {
    return series_[max_routes_ + 1 + MethodSlot(method)].by_status[slot].load();
  }
  const std::vector<Route>& routes = router_.routes();
  for (std::size_t i = 0; i < routes.size() && i < max_routes_; ++i) {
    if (routes[i].pattern == route && routes[i].method == method) {
      return series_[i].by_status[slot].load();
    }
  }
  return 0;
}

}  // namespace shortlist::http
