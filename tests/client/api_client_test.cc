#include "client/api_client.h"

#include <gtest/gtest.h>

#include "fake_http_client.h"

namespace shortlist::client {
namespace {

using nlohmann::json;
using testing::FakeHttpClient;

ClientConfig Config() {
  ClientConfig c;
  c.base_url = "http://127.0.0.1:9999/";
  c.token = "sl_secret";
  return c;
}

TEST(ApiClient, SendsTheTokenAndJsonBodyToTheJobsApi) {
  FakeHttpClient http;
  http.Answer("POST", "/api/v1/jobs", 202, {{"success", true}, {"job_id", 12}});
  ApiClient api(Config(), http);
  auto created = api.CreateJob({{"title", "T"}});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ((*created)["job_id"], 12);
  const auto sent = http.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].url, "http://127.0.0.1:9999/api/v1/jobs") << "trailing slash of base dropped";
  EXPECT_EQ(json::parse(sent[0].body)["title"], "T");
  bool auth = false, content_type = false;
  for (const auto& [k, v] : sent[0].headers) {
    auth |= k == "Authorization" && v == "Bearer sl_secret";
    content_type |= k == "Content-Type" && v == "application/json";
  }
  EXPECT_TRUE(auth);
  EXPECT_TRUE(content_type);
}

TEST(ApiClient, BuildsQueries) {
  FakeHttpClient http;
  http.Answer("GET", "/api/v1/jobs", 200, {{"jobs", json::array()}});
  ApiClient api(Config(), http);
  ListJobsQuery list;
  list.status = "completed";
  list.since = "2026-03-28T10:00:00+02:00";
  list.limit = 5;
  ASSERT_TRUE(api.ListJobs(list).ok());
  ResultsQuery results;
  results.min_score = 70;
  results.only_top_n = 3;
  results.page = 2;
  (void)api.GetResults(4, results);
  (void)api.Compare(4, {1, 2, 3});
  const auto sent = http.requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(FakeHttpClient::PathOf(sent[0].url),
            "/api/v1/jobs?status=completed&since=2026-03-28T10%3A00%3A00%2B02%3A00&limit=5");
  EXPECT_EQ(FakeHttpClient::PathOf(sent[1].url),
            "/api/v1/jobs/4/results?min_score=70&only_top_n=3&page=2");
  EXPECT_EQ(FakeHttpClient::PathOf(sent[2].url), "/api/v1/jobs/4/compare?ids=1%2C2%2C3");
}

TEST(ApiClient, ServerErrorsCarryTheServersMessageFieldsAndStatus) {
  FakeHttpClient http;
  http.Answer("POST", "/api/v1/jobs", 422,
              {{"success", false},
               {"error", "The given data was invalid."},
               {"errors",
                {{"description", {"The description field must be at least 50 characters."}},
                 {"resumes.0.content", {"The resumes.0.content field is required."}}}}});
  ApiClient api(Config(), http);
  auto created = api.CreateJob(json::object());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, "validation");
  EXPECT_EQ(created.error().field, "422");
  EXPECT_EQ(created.error().message,
            "The given data was invalid. (description: The description field must be at least 50 "
            "characters.; resumes.0.content: The resumes.0.content field is required.)");
}

TEST(ApiClient, MapsStatusesToCodes) {
  FakeHttpClient http;
  http.Answer("GET", "/api/v1/jobs/1/results", 425,
              {{"success", false}, {"error", "Job is still processing."}});
  http.Answer("GET", "/api/v1/jobs/2", 401, {{"success", false}, {"error", "Invalid token."}});
  http.Answer("GET", "/api/v1/rate-limit", 429, {{"success", false}, {"error", "Slow down."}});
  http.Answer("GET", "/api/v1/credits/balance", 500, json::object());
  ApiClient api(Config(), http);
  auto early = api.GetResults(1, {});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "too_early");
  EXPECT_EQ(early.error().message, "Job is still processing.");
  EXPECT_EQ(api.GetJob(2).error().code, "unauthorized");
  EXPECT_EQ(api.RateLimit().error().code, "rate_limited");
  auto boom = api.CreditsBalance();
  EXPECT_EQ(boom.error().code, "server_error");
  EXPECT_EQ(boom.error().message, "the server answered HTTP 500");
  auto missing = api.ValidateToken();  // no route in the fake: 404
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_EQ(missing.error().field, "404");
}

TEST(ApiClient, NoTokenFailsBeforeSending) {
  FakeHttpClient http;
  ClientConfig config = Config();
  config.token.clear();
  ApiClient api(config, http);
  auto r = api.GetJob(1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unauthorized");
  EXPECT_NE(r.error().message.find("SHORTLIST_TOKEN"), std::string::npos);
  EXPECT_TRUE(http.requests().empty());
}

TEST(ApiClient, TransportAndBodyFailuresAreErrors) {
  FakeHttpClient down;
  down.FailTransport(Error::Make("fetch_failed", "Couldn't connect to server"));
  ApiClient api(Config(), down);
  auto r = api.RateLimit();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "fetch_failed");
  EXPECT_NE(r.error().message.find("http://127.0.0.1:9999/api/v1/rate-limit"), std::string::npos);

  class HtmlServer : public net::HttpClient {
   public:
    Result<net::HttpResponse> Send(const net::HttpRequest&) override {
      net::HttpResponse r;
      r.status = 200;
      r.body = "<html>proxy login</html>";
      return r;
    }
  } html;
  ApiClient api2(Config(), html);
  EXPECT_EQ(api2.RateLimit().error().code, "bad_response");
}

TEST(ApiClient, WaitForJobPollsUntilTheJobLeavesProcessing) {
  FakeHttpClient http;
  http.Answer("GET", "/api/v1/jobs/3", 200, {{"job_id", 3}, {"status", "processing"}});
  http.Answer("GET", "/api/v1/jobs/3", 200, {{"job_id", 3}, {"status", "processing"}});
  http.Answer("GET", "/api/v1/jobs/3", 200, {{"job_id", 3}, {"status", "completed"}});
  ApiClient api(Config(), http);
  WaitOptions wait;
  wait.poll_interval = std::chrono::milliseconds(1);
  auto done = api.WaitForJob(3, wait);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ((*done)["status"], "completed");
  EXPECT_EQ(http.requests().size(), 3u);
}

TEST(ApiClient, WaitForJobGivesUpAfterMaxWait) {
  FakeHttpClient http;
  http.Answer("GET", "/api/v1/jobs/3", 200, {{"job_id", 3}, {"status", "processing"}});
  ApiClient api(Config(), http);
  WaitOptions wait;
  wait.max_wait = std::chrono::milliseconds(30);
  wait.poll_interval = std::chrono::milliseconds(5);
  auto r = api.WaitForJob(3, wait);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "timeout");
}

TEST(UrlHost, FindsTheHost) {
  EXPECT_EQ(*UrlHost("http://127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ(*UrlHost("https://Shortlist.example/api"), "Shortlist.example");
  EXPECT_EQ(*UrlHost("http://[::1]:8080/"), "::1");
  EXPECT_EQ(*UrlHost("http://user:pw@host.example:1/x"), "host.example");
  EXPECT_EQ(UrlHost("ftp://x").error().code, "invalid_url");
  EXPECT_EQ(UrlHost("localhost:8080").error().code, "invalid_url");
  EXPECT_EQ(UrlHost("http://:80").error().code, "invalid_url");
}

TEST(NewServerHttpClient, RejectsBadUrls) {
  EXPECT_FALSE(NewServerHttpClient("not a url").ok());
  EXPECT_TRUE(NewServerHttpClient("http://127.0.0.1:1").ok());
  EXPECT_TRUE(NewServerHttpClient("http://localhost:1").ok());
}

}  // namespace
}  // namespace shortlist::client
