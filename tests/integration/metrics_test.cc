// GET /metrics on the real server: Prometheus text that counts exactly the requests the test
// made (by route pattern and status), the jobs the workers finished and the webhook attempts.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

// The samples of a Prometheus text page, "name{labels}" -> value; fails the test on any line
// that is neither a comment nor "name{labels} value", or a sample of a family with no # TYPE.
std::map<std::string, double> ParsePrometheus(const std::string& text) {
  static const std::regex kSample(
      R"re(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")re"
      R"re((?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? )re"
      R"re(([-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|\+Inf|-Inf|NaN)$)re");
  static const std::regex kType(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)");
  std::map<std::string, double> samples;
  std::set<std::string> typed;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.rfind("# HELP ", 0) == 0) continue;
    if (line.rfind("#", 0) == 0) {
      EXPECT_TRUE(std::regex_match(line, m, kType)) << "bad comment line: " << line;
      if (!m.empty()) typed.insert(m[1]);
      continue;
    }
    if (!std::regex_match(line, m, kSample)) {
      ADD_FAILURE() << "not a Prometheus sample line: '" << line << "'";
      continue;
    }
    std::string family = m[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s = suffix;
      if (!typed.count(family) && family.size() > s.size() &&
          family.compare(family.size() - s.size(), s.size(), s) == 0) {
        family.resize(family.size() - s.size());
      }
    }
    EXPECT_TRUE(typed.count(family)) << "sample before its # TYPE: " << line;
    const std::string key = m[1].str() + m[2].str();
    EXPECT_FALSE(samples.count(key)) << "duplicate sample: " << line;
    const std::string value = m[3];
    samples[key] = value == "+Inf" ? 1e308 : std::stod(value);
  }
  return samples;
}

std::string RequestsTotal(const std::string& route, const std::string& method, int status) {
  return R"(shortlist_http_requests_total{route=")" + route + R"(",method=")" + method +
         R"(",status=")" + std::to_string(status) + R"("})";
}

class MetricsTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(MetricsTest, CountsRequestsByRoutePatternAndStatus) {
  ServerProcess server(dir_.path(), {"--log-level", "warn"});
  ASSERT_FALSE(server.first_token().empty());
  HttpClient client(server.url(), server.first_token());
  HttpClient anonymous(server.url(), "");

  EXPECT_EQ(anonymous.Get("/healthz").status, 200);
  EXPECT_EQ(client.Get("/api/v1/jobs/999999").status, 404);
  EXPECT_EQ(anonymous.Get("/api/v1/jobs/1").status, 401);
  EXPECT_EQ(anonymous.Get("/no/such/endpoint").status, 404);
  json job = {{"title", kPythonJobTitle},
              {"description", kPythonJob},
              {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}},
                                       {{"filename", "b.txt"}, {"content", kMiddleResume}},
                                       {{"filename", "c.txt"}, {"content", kWeakResume}}})}};
  HttpResult created = client.Post("/api/v1/jobs", job);
  ASSERT_EQ(created.status, 202) << created.body;
  const std::string status_path =
      "/api/v1/jobs/" + std::to_string(created.json()["job_id"].get<int>());
  int polls = 0;
  json status;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       std::chrono::steady_clock::now() < deadline;) {
    HttpResult r = client.Get(status_path);
    ASSERT_EQ(r.status, 200) << r.body;
    ++polls;
    status = r.json();
    if (status["status"] != "processing" && status["status"] != "queued") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(status["status"], "completed") << status.dump();

  // No token needed, like /healthz. The worker counts a job finished just after writing its
  // status (observers run after the commit), so a scrape right after the job reads completed
  // may not show it yet: scrape until it does.
  const std::string finished = R"(shortlist_jobs_finished_total{status="completed"})";
  HttpResult metrics;
  std::map<std::string, double> got;
  int scrapes = 0;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);;) {
    metrics = anonymous.Get("/metrics");
    ++scrapes;
    ASSERT_EQ(metrics.status, 200) << metrics.body;
    got = ParsePrometheus(metrics.body);
    if (got[finished] >= 1 || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(metrics.headers["content-type"], "text/plain; version=0.0.4");
  SCOPED_TRACE(metrics.body);

  EXPECT_EQ(got[RequestsTotal("/healthz", "GET", 200)], 1);
  EXPECT_EQ(got[RequestsTotal("/api/v1/jobs/{job_id}", "GET", 404)], 1);
  EXPECT_EQ(got[RequestsTotal("/api/v1/jobs/{job_id}", "GET", 401)], 1);
  EXPECT_EQ(got[RequestsTotal("/api/v1/jobs/{job_id}", "GET", 200)], polls);
  EXPECT_EQ(got[RequestsTotal("/api/v1/jobs", "POST", 202)], 1);
  EXPECT_EQ(got[RequestsTotal("unmatched", "GET", 404)], 1);
  // Raw paths never become labels.
  EXPECT_EQ(metrics.body.find("999999"), std::string::npos);
  EXPECT_EQ(metrics.body.find("/no/such/endpoint"), std::string::npos);

  const std::string job_labels = R"({route="/api/v1/jobs/{job_id}",method="GET")";
  EXPECT_EQ(got["shortlist_http_request_duration_seconds_count" + job_labels + "}"], polls + 2);
  EXPECT_EQ(got["shortlist_http_request_duration_seconds_bucket" + job_labels + R"(,le="+Inf"})"],
            polls + 2);
  EXPECT_LE(got["shortlist_http_request_duration_seconds_bucket" + job_labels + R"(,le="0.0005"})"],
            polls + 2);
  EXPECT_GT(got["shortlist_http_request_duration_seconds_sum" + job_labels + "}"], 0);

  EXPECT_EQ(got["shortlist_jobs_started_total"], 1);
  EXPECT_EQ(got[finished], 1);
  EXPECT_EQ(got[R"(shortlist_jobs_finished_total{status="failed"})"], 0);
  EXPECT_EQ(got["shortlist_resumes_screened_total"], 3);
  EXPECT_EQ(got["shortlist_queue_depth"], 0);
  EXPECT_EQ(got[R"(shortlist_webhook_deliveries_total{result="delivered"})"], 0);

  // A scrape itself is counted once it is answered.
  std::map<std::string, double> again = ParsePrometheus(anonymous.Get("/metrics").body);
  EXPECT_EQ(again[RequestsTotal("/metrics", "GET", 200)], scrapes);
}

TEST_F(MetricsTest, CountsWebhookAttemptsThatFailAndAreRetried) {
  // Nothing listens on port 1: every attempt fails; with two attempts each delivery is retried
  // once, then failed.
  ServerProcess server(dir_.path(), {"--log-level", "error", "--url-allow-list", "127.0.0.1/32",
                                     "--webhook-max-attempts", "2", "--webhook-retry-base-ms",
                                     "100", "--webhook-retry-max-ms", "200"});
  HttpClient client(server.url(), server.first_token());
  json job = {{"title", kPythonJobTitle},
              {"description", kPythonJob},
              {"webhook_url", "http://127.0.0.1:1/hook"},
              {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}}})}};
  HttpResult created = client.Post("/api/v1/jobs", job);
  ASSERT_EQ(created.status, 202) << created.body;
  const std::string status_path =
      "/api/v1/jobs/" + std::to_string(created.json()["job_id"].get<int>());

  // Settled: the job is done and every delivery of its events has failed for good.
  auto settled = [&] {
    return client.Get(status_path).json()["status"] == "completed" &&
           client.Get("/api/v1/webhooks/deliveries?status=pending").json()["deliveries"].empty() &&
           !client.Get("/api/v1/webhooks/deliveries?status=failed").json()["deliveries"].empty();
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!settled() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // no late event is on its way
  ASSERT_TRUE(settled());

  std::map<std::string, double> got = ParsePrometheus(client.Get("/metrics").body);
  json failed = client.Get("/api/v1/webhooks/deliveries?status=failed").json()["deliveries"];
  EXPECT_EQ(got[R"(shortlist_webhook_deliveries_total{result="failed"})"], failed.size());
  EXPECT_EQ(got[R"(shortlist_webhook_deliveries_total{result="retry"})"], failed.size());
  EXPECT_EQ(got[R"(shortlist_webhook_deliveries_total{result="delivered"})"], 0);
}

}  // namespace
}  // namespace shortlist::testing
