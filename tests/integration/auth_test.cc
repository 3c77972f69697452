// Tokens and tenants over real HTTP: 401s, CLI-made tokens, immediate revocation, another
// account's job is 404, and the per-plan rate limit.
#include <gtest/gtest.h>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

json SmallJob() {
  return {{"title", kPythonJobTitle},
          {"description", kPythonJob},
          {"resumes", json::array({{{"filename", "a.txt"}, {"content", kStrongResume}}})}};
}

TEST(AuthTest, NoOrBadTokenIs401Json) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  for (const std::string& token :
       {std::string(), std::string("sl_0000000000000000000000000000000000000000")}) {
    HttpClient client(server.url(), token);
    HttpResult r = client.Get("/api/v1/jobs");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.json()["success"], false);
    EXPECT_TRUE(r.json()["error"].is_string());
  }
  HttpResult basic =
      HttpClient(server.url(), "")
          .Send("GET", "/api/v1/jobs", "", {{"Authorization", "Basic Zm9vOmJhcg=="}});
  EXPECT_EQ(basic.status, 401);
}

TEST(AuthTest, TokensFromTheCliWorkAndRevocationIsImmediate) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  std::string token = CreateToken(dir.path(), "acme", "pro");
  HttpClient client(server.url(), token);
  HttpResult ok = client.Get("/api/v1/rate-limit");
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json()["limit"], 120);

  std::string out;
  ASSERT_EQ(RunCli({"token", "revoke", token, "--data-dir", dir.path()}, &out), 0) << out;
  EXPECT_EQ(client.Get("/api/v1/rate-limit").status, 401);
  // Revoking something that does not exist is a clear failure.
  EXPECT_NE(RunCli({"token", "revoke", token, "--data-dir", dir.path()}, &out), 0);
}

TEST(AuthTest, AnotherAccountsJobIsNotFound) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--workers", "0", "--log-level", "warn"});
  HttpClient owner(server.url(), server.first_token());
  HttpClient stranger(server.url(), CreateToken(dir.path(), "stranger", "standard"));
  std::int64_t id = owner.Post("/api/v1/jobs", SmallJob()).json()["job_id"];
  std::string path = "/api/v1/jobs/" + std::to_string(id);
  EXPECT_EQ(owner.Get(path).status, 200);
  HttpResult foreign = stranger.Get(path);
  HttpResult missing = stranger.Get("/api/v1/jobs/987654");
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.body, missing.body) << "a foreign job must look exactly like a missing one";
  EXPECT_EQ(stranger.Get(path + "/results").status, 404);
  EXPECT_EQ(stranger.Post(path + "/cancel", json::object()).status, 404);
  EXPECT_EQ(stranger.Get("/api/v1/jobs").json()["total"], 0);
  EXPECT_EQ(owner.Get(path).json()["status"], "processing") << "the stranger's cancel did nothing";
}

TEST(AuthTest, StarterPlanGets429WithRetryAfterPastThirtyAMinute) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), CreateToken(dir.path(), "small", "starter"));
  int ok = 0;
  HttpResult last;
  for (int i = 0; i < 31; ++i) {
    last = client.Get("/api/v1/jobs");
    if (last.status == 200) ++ok;
  }
  // All 31 land in one window unless a minute boundary passes between them.
  if (ok == 30) {
    EXPECT_EQ(last.status, 429);
    EXPECT_FALSE(last.headers["retry-after"].empty());
    EXPECT_EQ(last.headers["x-ratelimit-remaining"], "0");
    EXPECT_EQ(last.json()["success"], false);
  } else {
    EXPECT_EQ(ok, 31);
  }
  EXPECT_EQ(last.headers["x-ratelimit-limit"], "30");
}

}  // namespace
}  // namespace shortlist::testing
