// The libcurl client against a server on loopback: transfers, caps, redirects, and the SSRF
// guard refusing before any connection. No test sends a packet off the machine: refused
// private and metadata addresses are IP literals, judged before curl starts.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "loopback_server.h"
#include "net/http_client.h"

namespace shortlist::net {
namespace {

using testing::LoopbackServer;
using testing::ServerRequest;

std::unique_ptr<HttpClient> LoopbackClient() {
  auto policy = AddressPolicy::WithAllowList({"127.0.0.1/32"});
  EXPECT_TRUE(policy.ok());
  return NewCurlHttpClient(*policy);
}

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  r.timeout = std::chrono::milliseconds(5000);
  return r;
}

std::string Routes(const ServerRequest& req) {
  if (req.path == "/cv.txt") {
    return LoopbackServer::Reply(200, "Jane Doe, engineer", {{"Content-Type", "text/plain"}});
  }
  if (req.path == "/start") return LoopbackServer::Reply(302, "", {{"Location", "/cv.txt"}});
  if (req.path == "/loop") return LoopbackServer::Reply(302, "", {{"Location", "/loop"}});
  if (req.path == "/to-private") {
    return LoopbackServer::Reply(302, "", {{"Location", "http://10.0.0.1/cv.pdf"}});
  }
  if (req.path == "/to-metadata") {
    return LoopbackServer::Reply(301, "",
                                 {{"Location", "http://169.254.169.254/latest/meta-data/iam/"}});
  }
  if (req.path == "/to-file")
    return LoopbackServer::Reply(302, "", {{"Location", "file:///etc/passwd"}});
  if (req.path == "/big") return LoopbackServer::Reply(200, std::string(1 << 20, 'x'));
  if (req.path == "/big-unannounced") {
    return "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + std::string(1 << 20, 'y');
  }
  if (req.path == "/stall") return LoopbackServer::kStall;
  if (req.path == "/echo") {
    return LoopbackServer::Reply(200, req.method + " " + req.body + " " + req.Header("X-Test"));
  }
  if (req.path == "/see-other") return LoopbackServer::Reply(303, "", {{"Location", "/echo"}});
  return LoopbackServer::Reply(404, "not found");
}

TEST(CurlHttpClient, FetchesFromAnAllowListedLoopbackServer) {
  LoopbackServer server(Routes);
  auto client = LoopbackClient();
  auto r = client->Send(Get(server.Url("/cv.txt")));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "Jane Doe, engineer");
  EXPECT_EQ(r->Header("content-type"), "text/plain");
  EXPECT_EQ(r->final_url, server.Url("/cv.txt"));
}

TEST(CurlHttpClient, HttpErrorsAreResponsesNotFailures) {
  LoopbackServer server(Routes);
  auto r = LoopbackClient()->Send(Get(server.Url("/missing")));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 404);
}

TEST(CurlHttpClient, DefaultPolicyRefusesLoopbackAfterResolutionWithoutConnecting) {
  LoopbackServer server(Routes);
  auto client = NewCurlHttpClient(AddressPolicy());
  for (const std::string host : {"localhost", "127.0.0.1", "[::ffff:127.0.0.1]"}) {
    auto r = client->Send(Get("http://" + host + ":" + std::to_string(server.port()) + "/cv.txt"));
    ASSERT_FALSE(r.ok()) << host;
    EXPECT_EQ(r.error().code, "url_refused") << host;
    EXPECT_NE(r.error().message.find("loopback"), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(server.connections(), 0);
}

TEST(CurlHttpClient, PrivateAndMetadataAddressesAreRefusedBeforeConnecting) {
  auto client = NewCurlHttpClient(AddressPolicy());
  struct Case {
    const char* url;
    const char* cls;
  };
  for (const Case& c :
       {Case{"http://10.0.0.1/cv.pdf", "private"}, Case{"https://192.168.1.20/cv.pdf", "private"},
        Case{"http://169.254.169.254/latest/meta-data/", "link-local"},
        Case{"http://[fd00::5]/cv.pdf", "private"},
        Case{"http://[::ffff:a9fe:a9fe]/", "link-local"},
        Case{"http://0.0.0.0:8080/", "unspecified"}}) {
    const auto started = std::chrono::steady_clock::now();
    auto r = client->Send(Get(c.url));
    ASSERT_FALSE(r.ok()) << c.url;
    EXPECT_EQ(r.error().code, "url_refused") << c.url;
    EXPECT_NE(r.error().message.find(c.cls), std::string::npos) << r.error().message;
    // Refused on the spot: no connection attempt that would have to time out.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1)) << c.url;
  }
}

TEST(CurlHttpClient, RedirectsAreFollowedAndEveryHopIsChecked) {
  LoopbackServer server(Routes);
  auto client = LoopbackClient();
  auto ok = client->Send(Get(server.Url("/start")));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->body, "Jane Doe, engineer");
  EXPECT_EQ(ok->final_url, server.Url("/cv.txt"));

  auto priv = client->Send(Get(server.Url("/to-private")));
  ASSERT_FALSE(priv.ok());
  EXPECT_EQ(priv.error().code, "url_refused");
  EXPECT_NE(priv.error().message.find("private"), std::string::npos);

  auto meta = client->Send(Get(server.Url("/to-metadata")));
  ASSERT_FALSE(meta.ok());
  EXPECT_EQ(meta.error().code, "url_refused");
  EXPECT_NE(meta.error().message.find("169.254.169.254"), std::string::npos);

  auto file = client->Send(Get(server.Url("/to-file")));
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, "invalid_url");
}

TEST(CurlHttpClient, RedirectLimit) {
  LoopbackServer server(Routes);
  auto client = LoopbackClient();
  auto loop = client->Send(Get(server.Url("/loop")));
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().code, "too_many_redirects");
  EXPECT_EQ(server.connections(), 4);  // the request and three redirects

  HttpRequest no_follow = Get(server.Url("/start"));
  no_follow.max_redirects = 0;
  auto raw = client->Send(no_follow);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->status, 302);
  EXPECT_EQ(raw->Header("Location"), "/cv.txt");
}

TEST(CurlHttpClient, ResponseSizeCap) {
  LoopbackServer server(Routes);
  auto client = LoopbackClient();
  for (const char* path : {"/big", "/big-unannounced"}) {
    HttpRequest r = Get(server.Url(path));
    r.max_response_bytes = 64 << 10;
    auto big = client->Send(r);
    ASSERT_FALSE(big.ok()) << path;
    EXPECT_EQ(big.error().code, "file_too_large") << path;
  }
  HttpRequest roomy = Get(server.Url("/big"));
  roomy.max_response_bytes = 2 << 20;
  auto fits = client->Send(roomy);
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->body.size(), 1u << 20);
}

TEST(CurlHttpClient, Timeout) {
  LoopbackServer server(Routes);
  HttpRequest r = Get(server.Url("/stall"));
  r.timeout = std::chrono::milliseconds(300);
  auto stalled = LoopbackClient()->Send(r);
  ASSERT_FALSE(stalled.ok());
  EXPECT_EQ(stalled.error().code, "fetch_timeout");
}

TEST(CurlHttpClient, InvalidUrls) {
  auto client = LoopbackClient();
  for (const char* url : {"ftp://example.com/cv.pdf", "file:///etc/passwd", "not a url",
                          "example.com/cv.pdf", "http://"}) {
    auto r = client->Send(Get(url));
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.error().code, "invalid_url") << url;
  }
}

TEST(CurlHttpClient, PostBodyHeadersAndSeeOther) {
  LoopbackServer server(Routes);
  auto client = LoopbackClient();
  HttpRequest post = Get(server.Url("/echo"));
  post.method = "POST";
  post.body = "payload";
  post.headers = {{"X-Test", "yes"}};
  auto echoed = client->Send(post);
  ASSERT_TRUE(echoed.ok()) << echoed.error().message;
  EXPECT_EQ(echoed->body, "POST payload yes");

  post.url = server.Url("/see-other");
  auto after = client->Send(post);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->body, "GET  yes");  // 303: the body is dropped, the method becomes GET
}

TEST(CurlHttpClient, CredentialsDoNotFollowACrossOriginRedirect) {
  std::atomic<bool> saw_authorization{true};
  LoopbackServer target([&](const ServerRequest& req) {
    saw_authorization = !req.Header("Authorization").empty();
    return LoopbackServer::Reply(200, "ok");
  });
  LoopbackServer origin([&](const ServerRequest&) {
    return LoopbackServer::Reply(302, "", {{"Location", target.Url("/landing")}});
  });
  HttpRequest r = Get(origin.Url("/"));
  r.headers = {{"Authorization", "Bearer secret"}};
  auto got = LoopbackClient()->Send(r);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_FALSE(saw_authorization.load());
}

TEST(CurlHttpClient, OneClientServesManyThreads) {
  LoopbackServer server(Routes);
  auto client = LoopbackClient();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto r = client->Send(Get(server.Url("/start")));
        if (r.ok() && r->body == "Jane Doe, engineer") ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 40);
}

}  // namespace
}  // namespace shortlist::net
