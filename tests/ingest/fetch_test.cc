// Fetching resumes by URL: end to end against a loopback server (allow-listed), refusal of a
// private address, file names, and FetchAll's bounded concurrency with a fake client.
#include "ingest/fetch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "fixtures.h"
#include "ingest/ingest.h"
#include "loopback_server.h"

namespace shortlist::ingest {
namespace {

using net::testing::LoopbackServer;
using net::testing::ServerRequest;

std::unique_ptr<net::HttpClient> LoopbackClient() {
  auto policy = net::AddressPolicy::WithAllowList({"127.0.0.1/32"});
  EXPECT_TRUE(policy.ok());
  return net::NewCurlHttpClient(*policy);
}

TEST(FetchFile, DownloadsAFileThatExtracts) {
  const std::string pdf =
      testing::PdfBuilder().Page({{72, 720, 12, "Fetched resume: Rust developer"}}).Build();
  LoopbackServer server([&](const ServerRequest& req) {
    if (req.path == "/files/cv%20final.pdf") {
      return LoopbackServer::Reply(200, pdf, {{"Content-Type", "application/pdf"}});
    }
    if (req.path == "/download?id=7") {
      return LoopbackServer::Reply(
          200, "plain text resume",
          {{"Content-Disposition", "attachment; filename=\"maria lopez.txt\""}});
    }
    if (req.path == "/old")
      return LoopbackServer::Reply(301, "", {{"Location", "/files/cv%20final.pdf"}});
    return LoopbackServer::Reply(404, "no");
  });
  auto client = LoopbackClient();

  auto file = FetchFile(*client, server.Url("/old"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->filename, "cv final.pdf");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(file->final_url, server.Url("/files/cv%20final.pdf"));
  auto doc = Extract(file->bytes, file->filename);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->text, "Fetched resume: Rust developer");

  auto named = FetchFile(*client, server.Url("/download?id=7"));
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_EQ(named->filename, "maria lopez.txt");

  auto missing = FetchFile(*client, server.Url("/nope.pdf"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "fetch_failed");
  EXPECT_NE(missing.error().message.find("HTTP 404"), std::string::npos);
  EXPECT_NE(missing.error().message.find("/nope.pdf"), std::string::npos);
}

TEST(FetchFile, SizeCapAndPrivateAddresses) {
  LoopbackServer server(
      [](const ServerRequest&) { return LoopbackServer::Reply(200, std::string(200000, 'a')); });
  auto client = LoopbackClient();
  FetchLimits limits;
  limits.max_bytes = 100000;
  auto big = FetchFile(*client, server.Url("/big.txt"), limits);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "file_too_large");

  auto refused = FetchFile(*client, "http://10.0.0.1/resume.pdf");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "url_refused");
  EXPECT_NE(refused.error().message.find("http://10.0.0.1/resume.pdf"), std::string::npos);
  EXPECT_NE(refused.error().message.find("private"), std::string::npos);
}

TEST(FilenameFor, DispositionThenUrl) {
  EXPECT_EQ(FilenameFor("https://x.io/a/b/cv.pdf?sig=1#p", ""), "cv.pdf");
  EXPECT_EQ(FilenameFor("https://x.io/a/R%C3%A9sum%C3%A9.docx", ""), "R\xC3\xA9sum\xC3\xA9.docx");
  EXPECT_EQ(FilenameFor("https://x.io/", ""), "x.io");
  EXPECT_EQ(FilenameFor("https://user@x.io", ""), "x.io");
  EXPECT_EQ(FilenameFor("https://x.io/d", "attachment; filename=plain.pdf"), "plain.pdf");
  EXPECT_EQ(FilenameFor("https://x.io/d", "attachment; filename=\"../../etc/passwd\""), "passwd");
  EXPECT_EQ(FilenameFor("https://x.io/d",
                        "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''na%C3%AFve.pdf"),
            "na\xC3\xAFve.pdf");
}

// A fake client that holds each request until `want` are in flight together (or 5 s pass), so
// the test sees the pool reach its bound, and records the most ever in flight.
class GateClient : public net::HttpClient {
 public:
  explicit GateClient(int want) : want_(want) {}
  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    {
      std::unique_lock<std::mutex> lock(mu_);
      ++in_flight_;
      max_in_flight_ = std::max(max_in_flight_, in_flight_);
      if (in_flight_ >= want_) reached_ = true;
      cv_.notify_all();
      cv_.wait_for(lock, std::chrono::seconds(5), [&] { return reached_; });
      --in_flight_;
    }
    if (request.url.find("bad") != std::string::npos) {
      return Error::Make("fetch_failed", "simulated failure");
    }
    net::HttpResponse r;
    r.status = 200;
    r.body = "body of " + request.url;
    r.final_url = request.url;
    return r;
  }
  int max_in_flight() const { return max_in_flight_; }

 private:
  const int want_;
  std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  bool reached_ = false;
};

TEST(FetchAll, BoundedConcurrencyResultsInOrder) {
  std::vector<std::string> urls;
  for (int i = 0; i < 60; ++i) {
    urls.push_back("https://files.example/" + std::string(i % 7 == 3 ? "bad" : "cv") +
                   std::to_string(i) + ".pdf");
  }
  GateClient client(4);
  auto results = FetchAll(client, urls, {}, 4);
  ASSERT_EQ(results.size(), urls.size());
  EXPECT_EQ(client.max_in_flight(), 4);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (i % 7 == 3) {
      ASSERT_FALSE(results[i].ok()) << i;
      EXPECT_NE(results[i].error().message.find(urls[i]), std::string::npos);
    } else {
      ASSERT_TRUE(results[i].ok()) << i;
      EXPECT_EQ(results[i]->bytes, "body of " + urls[i]);
      EXPECT_EQ(results[i]->filename, "cv" + std::to_string(i) + ".pdf");
    }
  }
  EXPECT_TRUE(FetchAll(client, {}, {}, 4).empty());
}

}  // namespace
}  // namespace shortlist::ingest
