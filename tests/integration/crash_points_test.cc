// The transactional outbox, proved by crashing: a test-only switch (SHORTLIST_TEST_CRASH_AT)
// makes the server's worker exit at one step of a job's life -- just after claiming it, after
// writing a batch, after finishing it. After a restart, every job completes with each candidate
// written once, one charge, and exactly one job.completed delivery in the outbox: an event is
// written with the change it announces, never before or after it. SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "fixtures.h"
#include "http_client.h"
#include "loopback_server.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using net::testing::LoopbackServer;
using net::testing::ServerRequest;
using nlohmann::json;

constexpr int kJobs = 3;
constexpr int kResumes = 60;  // three batches of 25: a crash after one leaves work to resume

std::vector<std::string> ServerArgs() {
  return {"--url-allow-list", "127.0.0.1/32", "--workers", "1", "--log-level", "error"};
}

// Sets an environment variable for the servers this test starts, and clears it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

bool WaitFor(const std::function<bool()>& done, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// Whether the process has exited (a zombie not yet reaped: its exit status is still ours to read).
bool Exited(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto paren = stat.rfind(')');
  return paren == std::string::npos || stat.substr(paren + 2, 1) == "Z";
}

class CrashPointsTest : public ::testing::TestWithParam<const char*> {};

TEST_P(CrashPointsTest, EveryCompletedJobIsAnnouncedOnceAndWrittenOnce) {
  TempDir dir;
  LoopbackServer receiver([](const ServerRequest&) { return LoopbackServer::Reply(200, "ok"); });
  std::string token;
  ASSERT_EQ(RunCli({"token", "create", "--account", "acme", "--plan", "enterprise", "--data-dir",
                    dir.path()},
                   &token),
            0);
  token.erase(token.find_last_not_of("\n ") + 1);
  std::vector<std::int64_t> ids;
  {
    // Accepted by an API-only server, so the crashing one finds them all queued.
    ServerProcess api(dir.path(), {"--workers", "0", "--log-level", "error"});
    HttpClient client(api.url(), token);
    for (int j = 0; j < kJobs; ++j) {
      json job = PythonJobWithResumes(kResumes);
      job["webhook_url"] = receiver.Url("/hooks");
      HttpResult r = client.Post("/api/v1/jobs", job);
      ASSERT_EQ(r.status, 202) << r.body;
      ids.push_back(r.json()["job_id"]);
    }
  }
  {
    ScopedEnv crash("SHORTLIST_TEST_CRASH_AT", GetParam());
    ServerProcess crashing(dir.path(), ServerArgs());
    ASSERT_TRUE(WaitFor([&] { return Exited(crashing.pid()); }, 60))
        << "the worker never reached the crash point " << GetParam();
    EXPECT_EQ(crashing.Terminate(), 86) << "the exit status of a test crash point";
  }

  ServerProcess restarted(dir.path(), ServerArgs());
  HttpClient client(restarted.url(), token);
  for (std::int64_t id : ids) {
    const std::string path = "/api/v1/jobs/" + std::to_string(id);
    ASSERT_TRUE(WaitFor([&] { return client.Get(path).json()["status"] == "completed"; }, 120))
        << client.Get(path).body;
    json results = client.Get(path + "/results?limit=100").json();
    EXPECT_EQ(results["total_candidates"], kResumes) << "each candidate written once";
    json completed =
        client.Get("/api/v1/webhooks/deliveries?event=job.completed&job_id=" + std::to_string(id))
            .json();
    EXPECT_EQ(completed["total"], 1) << "job " << id << ": " << completed.dump();
    json started =
        client.Get("/api/v1/webhooks/deliveries?event=job.processing&job_id=" + std::to_string(id))
            .json();
    EXPECT_EQ(started["total"], 1) << "job " << id << ": " << started.dump();
  }
  json ledger = client.Get("/api/v1/credits/transactions?type=charge&limit=100").json();
  EXPECT_EQ(ledger["total"], kJobs) << "one charge per job: " << ledger.dump();
  EXPECT_EQ(client.Get("/api/v1/credits/transactions?type=refund").json()["total"], 0);
}

INSTANTIATE_TEST_SUITE_P(Steps, CrashPointsTest, ::testing::Values("claim", "batch", "finish"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace shortlist::testing
