// User API tokens over real HTTP (/api/v1/tokens) and the dashboard routes: a token created
// through the API is shown once and works at once; listings never carry a token or hash;
// revoking is effective on the next request and limited to the caller's own account (another
// account's prefix is 404 and its token keeps working); agent keys cannot manage tokens (403).
// The dashboard is served without a token, with its content types and a strict CSP.
#include <gtest/gtest.h>

#include <map>

#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

class TokensApiTest : public ::testing::Test {
 protected:
  TokensApiTest()
      : server_(dir_.path(), {"--log-level", "warn", "--workers", "0"}),
        user_(server_.url(), server_.first_token()) {}

  TempDir dir_;
  ServerProcess server_;
  HttpClient user_;
};

TEST_F(TokensApiTest, CreatedTokenIsShownOnceAndWorks) {
  HttpResult r = user_.Post("/api/v1/tokens", {{"name", "ci pipeline"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string token = r.json()["token"];
  EXPECT_EQ(token.rfind("sl_", 0), 0u);
  EXPECT_EQ(token.size(), 43u);  // "sl_" + 160 bits in hex
  json info = r.json()["token_info"];
  EXPECT_EQ(info["name"], "ci pipeline");
  EXPECT_EQ(token.rfind(info["prefix"].get<std::string>(), 0), 0u);
  EXPECT_EQ(info["revoked"], false);

  HttpClient fresh(server_.url(), token);
  HttpResult validate = fresh.Get("/api/v1/schema/validate");
  ASSERT_EQ(validate.status, 200) << validate.body;
  EXPECT_EQ(validate.json()["user"]["name"], "default");

  HttpResult list = user_.Get("/api/v1/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(token), std::string::npos) << "a listing must not show a token";
  EXPECT_EQ(list.body.find(server_.first_token()), std::string::npos);
  EXPECT_EQ(list.body.find("hash"), std::string::npos);
  json tokens = list.json()["tokens"];
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0]["name"], "first token");
  EXPECT_EQ(tokens[0]["current"], true);  // the token making the request
  EXPECT_EQ(tokens[1]["name"], "ci pipeline");
  EXPECT_EQ(tokens[1]["current"], false);
}

TEST_F(TokensApiTest, NameIsRequired) {
  HttpResult missing = user_.Post("/api/v1/tokens", json::object());
  ASSERT_EQ(missing.status, 422) << missing.body;
  EXPECT_TRUE(missing.json()["errors"].contains("name"));
  HttpResult too_long = user_.Post("/api/v1/tokens", {{"name", std::string(101, 'x')}});
  EXPECT_EQ(too_long.status, 422) << too_long.body;
  HttpResult not_json = user_.Send("POST", "/api/v1/tokens", "{nope");
  EXPECT_EQ(not_json.status, 422) << not_json.body;
}

TEST_F(TokensApiTest, RevokeTakesEffectOnTheNextRequest) {
  HttpResult created = user_.Post("/api/v1/tokens", {{"name", "short-lived"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.json()["token"];
  const std::string prefix = created.json()["token_info"]["prefix"];
  HttpClient doomed(server_.url(), token);
  ASSERT_EQ(doomed.Get("/api/v1/jobs").status, 200);  // now in the authentication cache

  HttpResult revoked = user_.Send("DELETE", "/api/v1/tokens/" + prefix, "");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["revoked"], 1);
  EXPECT_EQ(doomed.Get("/api/v1/jobs").status, 401);
  EXPECT_EQ(user_.Get("/api/v1/jobs").status, 200) << "other tokens keep working";

  json tokens = user_.Get("/api/v1/tokens").json()["tokens"];
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1]["revoked"], true);
  // Revoking again, or a prefix that names nothing: 404.
  EXPECT_EQ(user_.Send("DELETE", "/api/v1/tokens/" + prefix, "").status, 404);
  EXPECT_EQ(user_.Send("DELETE", "/api/v1/tokens/sl_0000000", "").status, 404);
}

TEST_F(TokensApiTest, AnotherAccountsTokenIsNotFoundAndKeepsWorking) {
  const std::string other = CreateToken(dir_.path(), "other-co", "standard");
  const std::string other_prefix = other.substr(0, 10);
  HttpClient other_client(server_.url(), other);
  ASSERT_EQ(other_client.Get("/api/v1/jobs").status, 200);

  HttpResult r = user_.Send("DELETE", "/api/v1/tokens/" + other_prefix, "");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.json()["error"], "Token not found.");
  EXPECT_EQ(other_client.Get("/api/v1/jobs").status, 200) << "another account's token was revoked";

  // Each account lists only its own tokens.
  json mine = user_.Get("/api/v1/tokens").json()["tokens"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["name"], "first token");
  json theirs = other_client.Get("/api/v1/tokens").json()["tokens"];
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0]["prefix"], other_prefix);
}

// A new token is a secret: it is never cached, nor kept in clear for an Idempotency-Key
// replay, so a retry with the same key makes another token instead of replaying the first.
TEST_F(TokensApiTest, ANewTokenIsNeverKeptForIdempotentReplay) {
  const std::string body = R"({"name":"retried"})";
  const std::map<std::string, std::string> headers = {{"Idempotency-Key", "token-retry-1"},
                                                      {"Content-Type", "application/json"}};
  HttpResult first = user_.Send("POST", "/api/v1/tokens", body, headers);
  HttpResult second = user_.Send("POST", "/api/v1/tokens", body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(first.headers["cache-control"], "no-store");
  EXPECT_EQ(second.headers.count("idempotent-replayed"), 0u);
  EXPECT_NE(first.json()["token"], second.json()["token"]);
  // Agent keys likewise.
  const std::map<std::string, std::string> key_headers = {{"Idempotency-Key", "key-retry-1"},
                                                          {"Content-Type", "application/json"}};
  HttpResult key1 = user_.Send("POST", "/api/v1/agent-keys", R"({"name":"bot"})", key_headers);
  HttpResult key2 = user_.Send("POST", "/api/v1/agent-keys", R"({"name":"bot"})", key_headers);
  ASSERT_EQ(key1.status, 201) << key1.body;
  ASSERT_EQ(key2.status, 201) << key2.body;
  EXPECT_EQ(key1.headers["cache-control"], "no-store");
  EXPECT_NE(key1.json()["key"]["key"], key2.json()["key"]["key"]);
}

TEST_F(TokensApiTest, AgentKeysCannotManageTokens) {
  HttpResult key = user_.Post("/api/v1/agent-keys", {{"name", "bot"}});
  ASSERT_EQ(key.status, 201) << key.body;
  HttpClient agent(server_.url(), key.json()["key"]["key"].get<std::string>());
  EXPECT_EQ(agent.Get("/api/v1/tokens").status, 403);
  EXPECT_EQ(agent.Post("/api/v1/tokens", {{"name", "escalate"}}).status, 403);
  const std::string prefix = server_.first_token().substr(0, 10);
  EXPECT_EQ(agent.Send("DELETE", "/api/v1/tokens/" + prefix, "").status, 403);
  EXPECT_EQ(user_.Get("/api/v1/jobs").status, 200);
  // And without any token: 401.
  HttpClient anonymous(server_.url(), "");
  EXPECT_EQ(anonymous.Get("/api/v1/tokens").status, 401);
}

TEST(DashboardServingTest, ServedWithoutATokenWithContentTypesAndPolicy) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn", "--workers", "0"});
  HttpClient anonymous(server.url(), "");

  HttpResult index = anonymous.Get("/");
  ASSERT_EQ(index.status, 200) << index.body;
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  const std::string csp = index.headers["content-security-policy"];
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(index.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_NE(index.body.find("<script type=\"module\" src=\"/assets/app.js\">"), std::string::npos);

  HttpResult js = anonymous.Get("/assets/app.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_FALSE(js.headers["etag"].empty());
  HttpResult again =
      anonymous.Send("GET", "/assets/app.js", "", {{"If-None-Match", js.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  HttpResult css = anonymous.Get("/assets/style.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");

  EXPECT_EQ(anonymous.Get("/assets/missing.js").status, 404);
  EXPECT_EQ(anonymous.Get("/assets/../store/store.h").status, 404);
  EXPECT_EQ(anonymous.Get("/assets/").status, 404);
}

}  // namespace
}  // namespace shortlist::testing
