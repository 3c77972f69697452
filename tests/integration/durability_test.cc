// Nothing accepted is lost: a server killed with SIGKILL mid-job finishes every accepted job
// after restart, each candidate written exactly once; SIGTERM shuts down cleanly.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <set>
#include <thread>

#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

TEST(DurabilityTest, KilledServerFinishesEveryAcceptedJobExactlyOnce) {
  TempDir dir;
  constexpr int kJobs = 12;
  constexpr int kResumes = 100;
  // An enterprise token: the test polls far more than a standard plan's 60 requests a minute.
  std::string token;
  ASSERT_EQ(RunCli({"token", "create", "--account", "bulk", "--plan", "enterprise", "--data-dir",
                    dir.path()},
                   &token),
            0);
  token.erase(token.find_last_not_of("\n ") + 1);
  std::vector<std::int64_t> ids;
  {
    // Accept the jobs on an API-only process, so none has started when we begin.
    ServerProcess api(dir.path(), {"--workers", "0", "--log-level", "warn"});
    HttpClient client(api.url(), token);
    for (int j = 0; j < kJobs; ++j) {
      HttpResult r = client.Post("/api/v1/jobs", PythonJobWithResumes(kResumes));
      ASSERT_EQ(r.status, 202) << r.body;
      ids.push_back(r.json()["job_id"]);
    }
  }
  bool killed_mid_work = false;
  {
    ServerProcess worker(dir.path(), {"--workers", "2", "--log-level", "warn"});
    HttpClient client(worker.url(), token);
    // Kill as soon as some candidates are written and before the last job is done.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      HttpResult first = client.Get("/api/v1/jobs/" + std::to_string(ids.front()));
      ASSERT_EQ(first.status, 200) << first.body;
      if (first.json()["processed_count"].get<int>() > 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    worker.Kill(SIGKILL);
  }
  {
    ServerProcess inspect(dir.path(), {"--workers", "0", "--log-level", "warn"});
    HttpClient client(inspect.url(), token);
    json last = client.Get("/api/v1/jobs/" + std::to_string(ids.back())).json();
    killed_mid_work = last["status"] == "processing";
  }
  EXPECT_TRUE(killed_mid_work) << "the kill came after all work was done; the test proved little";

  ServerProcess restarted(dir.path(), {"--workers", "2", "--log-level", "warn"});
  HttpClient client(restarted.url(), token);
  for (std::int64_t id : ids) {
    json status;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    do {
      status = client.Get("/api/v1/jobs/" + std::to_string(id)).json();
      if (status["status"] == "completed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < deadline);
    ASSERT_EQ(status["status"], "completed") << status.dump();
    EXPECT_EQ(status["processed_count"], kResumes);
    json results = client.Get("/api/v1/jobs/" + std::to_string(id) + "/results").json();
    EXPECT_EQ(results["total_candidates"], kResumes) << "every candidate written exactly once";
    std::set<int> seen;
    for (int page = 1; page <= 2; ++page) {
      json p =
          client.Get("/api/v1/jobs/" + std::to_string(id) + "/results?page=" + std::to_string(page))
              .json();
      for (const auto& c : p["candidates"]) seen.insert(c["id"].get<int>());
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kResumes));
    EXPECT_EQ(*seen.begin(), 1);
    EXPECT_EQ(*seen.rbegin(), kResumes);
  }
}

TEST(DurabilityTest, SigtermStopsCleanly) {
  TempDir dir;
  ServerProcess server(dir.path(), {"--log-level", "warn"});
  HttpClient client(server.url(), server.first_token());
  ASSERT_EQ(client.Get("/api/v1/jobs").status, 200);
  EXPECT_EQ(server.Terminate(), 0);
  // The data survives: a second start reuses the account and does not print a new token.
  ServerProcess again(dir.path(), {"--log-level", "warn"});
  EXPECT_TRUE(again.first_token().empty());
  EXPECT_EQ(HttpClient(again.url(), server.first_token()).Get("/api/v1/jobs").status, 200);
}

}  // namespace
}  // namespace shortlist::testing
