#include "http/dispatcher.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/crypto.h"
#include "store/store.h"

namespace shortlist::http {
namespace {

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dispatch_test_" + RandomHex(6));
    std::filesystem::create_directories(dir_);
    store_ = std::move(store::OpenSqliteStore((dir_ / "db").string())).value();
    auto account = store_->CreateAccount("acme", "", model::Plan::kStarter);
    ASSERT_TRUE(store_->CreateToken(account->id, "t", Sha256Hex("sl_good"), "sl_good").ok());
    router_.Add({"GET", "/private",
                 [](const Request&, const Caller* caller) {
                   return Response::Json(200, {{"account", caller->principal.account.name}});
                 },
                 true, "read"});
    router_.Add({"GET", "/public",
                 [](const Request&, const Caller* caller) {
                   return Response::Json(200, {{"anonymous", caller == nullptr}});
                 },
                 false, ""});
    router_.Add({"GET", "/boom",
                 [](const Request&, const Caller*) -> Response {
                   throw std::runtime_error("secret detail");
                 },
                 false, ""});
    dispatcher_ = std::make_unique<Dispatcher>(
        router_, [this](const std::string& hash) { return store_->Authenticate(hash); }, limiter_,
        clock_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Response Get(const std::string& path, const std::string& token = "") {
    Request r;
    r.method = "GET";
    r.path = path;
    if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
    return dispatcher_->Dispatch(r);
  }

  std::string HeaderOf(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  Router router_;
  FakeClock clock_{1'000'000};
  RateLimiter limiter_{clock_};
  std::unique_ptr<Dispatcher> dispatcher_;
};

TEST_F(DispatcherTest, MissingOrWrongTokenIs401Json) {
  Response none = Get("/private");
  EXPECT_EQ(none.status, 401);
  auto body = nlohmann::json::parse(none.body);
  EXPECT_EQ(body["success"], false);
  EXPECT_NE(body["error"].get<std::string>().find("Authorization"), std::string::npos);
  EXPECT_EQ(Get("/private", "sl_bad").status, 401);
}

TEST_F(DispatcherTest, GoodTokenReachesHandlerWithRateHeaders) {
  Response r = Get("/private", "sl_good");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["account"], "acme");
  EXPECT_EQ(HeaderOf(r, "X-RateLimit-Limit"), "30");
  EXPECT_EQ(HeaderOf(r, "X-RateLimit-Remaining"), "29");
  EXPECT_EQ(HeaderOf(r, "X-RateLimit-Reset"), "1020");
}

TEST_F(DispatcherTest, OverTheLimitIs429WithRetryAfter) {
  for (int i = 0; i < 30; ++i) ASSERT_EQ(Get("/private", "sl_good").status, 200);
  Response r = Get("/private", "sl_good");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "20");
  EXPECT_EQ(HeaderOf(r, "X-RateLimit-Remaining"), "0");
}

TEST_F(DispatcherTest, UnknownPathsAndMethodsAndThrowsAreJsonErrors) {
  EXPECT_EQ(Get("/nowhere").status, 404);
  Request del;
  del.method = "DELETE";
  del.path = "/private";
  EXPECT_EQ(dispatcher_->Dispatch(del).status, 405);
  Response boom = Get("/boom");
  EXPECT_EQ(boom.status, 500);
  EXPECT_EQ(boom.body.find("secret detail"), std::string::npos) << "internals must not leak";
  EXPECT_EQ(nlohmann::json::parse(Get("/public").body)["anonymous"], true);
}

TEST_F(DispatcherTest, EveryAnswerCarriesRateLimitHeaders) {
  // No credential to count: the default plan's window, nothing counted.
  for (const Response& r :
       {Get("/private"), Get("/private", "sl_bad"), Get("/nowhere"), Get("/public")}) {
    EXPECT_EQ(HeaderOf(r, "X-RateLimit-Limit"), "60") << r.status;
    EXPECT_EQ(HeaderOf(r, "X-RateLimit-Remaining"), "60") << r.status;
    EXPECT_EQ(HeaderOf(r, "X-RateLimit-Reset"), "1020") << r.status;
  }
  // An unknown path asked with a valid token counts against it, like any request.
  Response missing = Get("/nowhere", "sl_good");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(HeaderOf(missing, "X-RateLimit-Limit"), "30");
  EXPECT_EQ(HeaderOf(missing, "X-RateLimit-Remaining"), "29");
  EXPECT_EQ(HeaderOf(Get("/private", "sl_good"), "X-RateLimit-Remaining"), "28");
  for (int i = 0; i < 28; ++i) Get("/private", "sl_good");
  EXPECT_EQ(Get("/nowhere", "sl_good").status, 429);
}

TEST_F(DispatcherTest, CountsEachRequestUnderItsRoutePatternAndStatus) {
  RequestMetrics metrics(router_);
  dispatcher_->SetMetrics(&metrics);
  EXPECT_EQ(Get("/private", "sl_good").status, 200);
  EXPECT_EQ(Get("/private").status, 401);
  EXPECT_EQ(Get("/boom").status, 500);
  EXPECT_EQ(Get("/nowhere/42").status, 404);
  EXPECT_EQ(metrics.Count("/private", "GET", 200), 1u);
  EXPECT_EQ(metrics.Count("/private", "GET", 401), 1u);
  EXPECT_EQ(metrics.Count("/boom", "GET", 500), 1u);
  EXPECT_EQ(metrics.Count("unmatched", "GET", 404), 1u);
  EXPECT_EQ(metrics.Count("/public", "GET", 200), 0u);
}

}  // namespace
}  // namespace shortlist::http
