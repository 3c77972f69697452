#include "web/dashboard_routes.h"

#include <gtest/gtest.h>

#include <string>

#include "http/router.h"

namespace shortlist::web {
namespace {

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

http::Request Get(const std::string& path) {
  http::Request request;
  request.method = "GET";
  request.path = path;
  return request;
}

http::Response Dispatch(const http::Router& router, http::Request request) {
  auto match = router.Find(request.method, request.path);
  EXPECT_NE(match.route, nullptr) << request.path;
  if (!match.route) return {};
  EXPECT_FALSE(match.route->authenticated);
  request.path_params = match.params;
  return match.route->handler(request, nullptr);
}

TEST(DashboardRoutesTest, RootServesTheIndexWithAStrictPolicy) {
  http::Router router;
  AddDashboardRoutes(&router);
  http::Response r = Dispatch(router, Get("/"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("/assets/app.js"), std::string::npos);
  const std::string csp = HeaderOf(r, "Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
  EXPECT_FALSE(HeaderOf(r, "ETag").empty());
}

TEST(DashboardRoutesTest, AssetsHaveTheirContentTypeAndUnknownOnesAre404) {
  http::Router router;
  AddDashboardRoutes(&router);
  http::Response js = Dispatch(router, Get("/assets/app.js"));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  http::Response css = Dispatch(router, Get("/assets/style.css"));
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  http::Response missing = Dispatch(router, Get("/assets/nope.js"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.body.find("nope.js") != std::string::npos);
}

TEST(DashboardRoutesTest, AMatchingETagAnswers304WithoutABody) {
  http::Request request = Get("/assets/app.js");
  http::Response first = ServeAsset(request, "app.js");
  request.headers.emplace_back("if-none-match", HeaderOf(first, "ETag"));
  http::Response again = ServeAsset(request, "app.js");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  request.headers.front().second = "\"stale\"";
  EXPECT_EQ(ServeAsset(request, "app.js").status, 200);
}

}  // namespace
}  // namespace shortlist::web
