#include "http/metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace shortlist::http {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

Router TwoRoutes() {
  Router router;
  auto ok = [](const Request&, const Caller*) { return Response::Json(200, {}); };
  router.Add({"GET", "/api/v1/jobs/{job_id}", ok, true, "read"});
  router.Add({"POST", "/api/v1/jobs", ok, true, "screen"});
  return router;
}

std::string Text(const RequestMetrics& metrics) {
  std::string text;
  PrometheusWriter writer(&text);
  metrics.AppendPrometheusText(writer);
  return text;
}

// The lines of `text` that start with `prefix`.
std::vector<std::string> LinesStartingWith(const std::string& text, const std::string& prefix) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
  }
  return lines;
}

bool Contains(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(RequestMetrics, CountsByRoutePatternMethodAndStatus) {
  Router router = TwoRoutes();
  RequestMetrics metrics(router);
  const Route* get_job = &router.routes()[0];
  metrics.Record(get_job, "GET", 200, microseconds(300));
  metrics.Record(get_job, "GET", 200, milliseconds(3));
  metrics.Record(get_job, "GET", 404, milliseconds(20));
  metrics.Record(nullptr, "GET", 404, microseconds(10));
  metrics.Record(nullptr, "BREW", 405, microseconds(10));

  EXPECT_EQ(metrics.Count("/api/v1/jobs/{job_id}", "GET", 200), 2u);
  EXPECT_EQ(metrics.Count("/api/v1/jobs/{job_id}", "GET", 404), 1u);
  EXPECT_EQ(metrics.Count("/api/v1/jobs", "POST", 200), 0u);
  EXPECT_EQ(metrics.Count("unmatched", "GET", 404), 1u);
  EXPECT_EQ(metrics.Count("unmatched", "OTHER", 405), 1u);

  const std::string text = Text(metrics);
  EXPECT_TRUE(Contains(
      text,
      R"(shortlist_http_requests_total{route="/api/v1/jobs/{job_id}",method="GET",status="200"} 2)"))
      << text;
  EXPECT_TRUE(Contains(
      text,
      R"(shortlist_http_requests_total{route="/api/v1/jobs/{job_id}",method="GET",status="404"} 1)"));
  EXPECT_TRUE(Contains(
      text, R"(shortlist_http_requests_total{route="unmatched",method="GET",status="404"} 1)"));
  // An unknown method does not make its own series.
  EXPECT_TRUE(Contains(
      text, R"(shortlist_http_requests_total{route="unmatched",method="OTHER",status="405"} 1)"));
  EXPECT_EQ(text.find("BREW"), std::string::npos);
  // A route that saw no request writes nothing.
  EXPECT_EQ(text.find(R"(route="/api/v1/jobs",)"), std::string::npos);
  EXPECT_TRUE(Contains(text, "# TYPE shortlist_http_requests_total counter"));
  EXPECT_TRUE(Contains(text, "# TYPE shortlist_http_request_duration_seconds histogram"));
}

TEST(RequestMetrics, HistogramBucketsAreCumulativeAndAgreeWithCountAndSum) {
  Router router = TwoRoutes();
  RequestMetrics metrics(router);
  const Route* get_job = &router.routes()[0];
  metrics.Record(get_job, "GET", 200, microseconds(300));         // <= 0.0005
  metrics.Record(get_job, "GET", 200, milliseconds(3));           // <= 0.005
  metrics.Record(get_job, "GET", 500, milliseconds(20));          // <= 0.025
  metrics.Record(get_job, "GET", 200, std::chrono::seconds(30));  // above every bound
  const std::string text = Text(metrics);
  const std::string labels = R"(route="/api/v1/jobs/{job_id}",method="GET")";
  const std::string bucket = "shortlist_http_request_duration_seconds_bucket{" + labels;
  EXPECT_TRUE(Contains(text, bucket + R"(,le="0.0005"} 1)")) << text;
  EXPECT_TRUE(Contains(text, bucket + R"(,le="0.001"} 1)"));
  EXPECT_TRUE(Contains(text, bucket + R"(,le="0.005"} 2)"));
  EXPECT_TRUE(Contains(text, bucket + R"(,le="0.025"} 3)"));
  EXPECT_TRUE(Contains(text, bucket + R"(,le="10"} 3)"));
  EXPECT_TRUE(Contains(text, bucket + R"(,le="+Inf"} 4)"));
  EXPECT_EQ(LinesStartingWith(text, bucket).size(), RequestMetrics::kBuckets + 1);
  EXPECT_TRUE(Contains(text, "shortlist_http_request_duration_seconds_count{" + labels + "} 4"));
  EXPECT_TRUE(
      Contains(text, "shortlist_http_request_duration_seconds_sum{" + labels + "} 30.0233"));
}

TEST(RequestMetrics, RoutesPastTheCapacityCountAsOther) {
  Router router = TwoRoutes();
  RequestMetrics metrics(router, /*max_routes=*/1);
  metrics.Record(&router.routes()[1], "POST", 201, microseconds(5));
  const std::string text = Text(metrics);
  EXPECT_TRUE(Contains(
      text, R"(shortlist_http_requests_total{route="other",method="OTHER",status="201"} 1)"))
      << text;
}

TEST(RequestMetrics, ConcurrentRecordsAreAllCounted) {
  Router router = TwoRoutes();
  RequestMetrics metrics(router);
  const Route* get_job = &router.routes()[0];
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) metrics.Record(get_job, "GET", 200, microseconds(i % 900));
    });
  }
  std::string scraped;  // a scrape during recording must neither block nor crash
  for (int i = 0; i < 10; ++i) scraped = Text(metrics);
  for (auto& t : threads) t.join();
  EXPECT_EQ(metrics.Count("/api/v1/jobs/{job_id}", "GET", 200), 40000u);
  EXPECT_TRUE(Contains(Text(metrics), R"(shortlist_http_request_duration_seconds_count{)"
                                      R"(route="/api/v1/jobs/{job_id}",method="GET"} 40000)"));
}

TEST(PrometheusWriter, EscapesLabelValuesAndWritesHelpAndType) {
  std::string text;
  PrometheusWriter writer(&text);
  writer.Family("demo_total", "counter", "A help text with a \\ and\na newline.");
  writer.Sample("demo_total", {{"path", "a\"b\\c\nd"}}, std::uint64_t{7});
  writer.Sample("demo_total", {}, 2.5);
  EXPECT_EQ(text,
            "# HELP demo_total A help text with a \\\\ and\\na newline.\n"
            "# TYPE demo_total counter\n"
            "demo_total{path=\"a\\\"b\\\\c\\nd\"} 7\n"
            "demo_total 2.5\n");
}

}  // namespace
}  // namespace shortlist::http
