// Scale-out on PostgreSQL: two server processes share one database and one job queue. One is
// killed with SIGKILL in the middle of a job; the other reclaims the dead process's jobs once
// their lease runs out, and every job completes with each candidate written exactly once.
// Runs only against PostgreSQL (SHORTLIST_TEST_BACKEND=postgres; scripts/test sets it up).
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

json WaitForStatus(const HttpClient& client, std::int64_t id, const std::string& wanted,
                   std::chrono::seconds patience) {
  json status;
  auto deadline = std::chrono::steady_clock::now() + patience;
  do {
    status = client.Get("/api/v1/jobs/" + std::to_string(id)).json();
    if (status["status"] == wanted) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  return status;
}

TEST(ScaleOutTest, TwoProcessesShareTheQueueAndTheSurvivorFinishesAKilledOnesJobs) {
  ASSERT_TRUE(UsingPostgres()) << "this suite runs with SHORTLIST_TEST_BACKEND=postgres";
  TempDir dir;                   // stands for one fresh PostgreSQL schema both servers use
  constexpr int kJobs = 30;      // enough work (~1 s a process) that the kill lands mid-work
  constexpr int kResumes = 100;  // the Jobs API's cap per job
  std::string token = CreateToken(dir.path(), "scale", "enterprise");

  // Accepted on an API-only process first, so both workers start from a full queue.
  std::vector<std::int64_t> ids;
  {
    ServerProcess api(dir.path(), {"--workers", "0", "--log-level", "warn"});
    HttpClient client(api.url(), token);
    for (int j = 0; j < kJobs; ++j) {
      HttpResult r = client.Post("/api/v1/jobs", PythonJobWithResumes(kResumes));
      ASSERT_EQ(r.status, 202) << r.body;
      ids.push_back(r.json()["job_id"]);
    }
  }

  ServerProcess survivor(dir.path(), {"--workers", "1", "--log-level", "warn"});
  auto victim = std::make_unique<ServerProcess>(
      dir.path(), std::vector<std::string>{"--workers", "2", "--log-level", "warn"});
  HttpClient via_survivor(survivor.url(), token);
  HttpClient via_victim(victim->url(), token);

  // Both processes serve the same data: a job accepted by one is visible through the other.
  ASSERT_EQ(via_victim.Get("/api/v1/jobs/" + std::to_string(ids[0])).status, 200);

  // Kill the victim once work is under way and before it is all done.
  int processing_when_killed = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    int processing = 0, completed = 0;
    for (std::int64_t id : ids) {
      json s = via_survivor.Get("/api/v1/jobs/" + std::to_string(id)).json();
      if (s["status"] == "processing" && s["processed_count"].get<int>() > 0) ++processing;
      if (s["status"] == "completed") ++completed;
    }
    if (processing >= 3 || (processing >= 2 && completed > 0)) {
      processing_when_killed = processing;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  victim->Kill(SIGKILL);
  victim.reset();
  // Three jobs in progress with one worker in the survivor: at least one was the victim's.
  ASSERT_GE(processing_when_killed, 2) << "the kill came too late to prove anything";

  for (std::int64_t id : ids) {
    json status = WaitForStatus(via_survivor, id, "completed", std::chrono::seconds(180));
    ASSERT_EQ(status["status"], "completed") << status.dump();
    EXPECT_EQ(status["processed_count"], kResumes);
    json results = via_survivor.Get("/api/v1/jobs/" + std::to_string(id) + "/results").json();
    EXPECT_EQ(results["total_candidates"], kResumes) << "every candidate written exactly once";
    std::set<int> seen;
    for (int page = 1; page <= 20; ++page) {
      json p =
          via_survivor
              .Get("/api/v1/jobs/" + std::to_string(id) + "/results?page=" + std::to_string(page))
              .json();
      if (p["candidates"].empty()) break;
      for (const auto& c : p["candidates"]) seen.insert(c["id"].get<int>());
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kResumes));
  }
}

TEST(ScaleOutTest, ARevokedTokenIsRefusedByEveryProcessAtOnce) {
  ASSERT_TRUE(UsingPostgres());
  TempDir dir;
  std::string token = CreateToken(dir.path(), "revoker", "enterprise");
  ServerProcess a(dir.path(), {"--workers", "0", "--log-level", "warn"});
  ServerProcess b(dir.path(), {"--workers", "0", "--log-level", "warn"});
  ASSERT_EQ(HttpClient(a.url(), token).Get("/api/v1/jobs").status, 200);
  ASSERT_EQ(HttpClient(b.url(), token).Get("/api/v1/jobs").status, 200);
  std::string out;
  ASSERT_EQ(RunCli({"token", "revoke", token, "--data-dir", dir.path()}, &out), 0) << out;
  EXPECT_EQ(HttpClient(a.url(), token).Get("/api/v1/jobs").status, 401);
  EXPECT_EQ(HttpClient(b.url(), token).Get("/api/v1/jobs").status, 401);
}

}  // namespace
}  // namespace shortlist::testing
