// The client commands (submit, results, jobs, evaluate) against a real server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "fixtures.h"
#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;

class CliClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = SanitizerEnv(dir_.path());
    ASSERT_FALSE(server_.url().empty());
    env_["SHORTLIST_URL"] = server_.url();
    env_["SHORTLIST_TOKEN"] = server_.first_token();
    job_ = Write("job.txt", kPythonJob);
    Write("cv/carol.txt", kWeakResume);
    Write("cv/alice.txt", kStrongResume);
    Write("cv/bob.md", kMiddleResume);
  }
  std::string Write(const std::string& relative, const std::string& bytes) {
    const std::filesystem::path p = std::filesystem::path(files_.path()) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string Cv() const { return files_.path() + "/cv"; }

  TempDir dir_;
  TempDir files_;
  ServerProcess server_{dir_.path(), {"--log-level", "warn"}};
  std::map<std::string, std::string> env_;
  std::string job_;
};

TEST_F(CliClientTest, SubmitWaitResultsAndJobsShowTheServersRanking) {
  CliRun submitted = RunShortlist(
      {"submit", "--job", job_, "--title", kPythonJobTitle, Cv(), "--wait", "--format", "json"},
      env_);
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const json results = json::parse(submitted.out);
  ASSERT_EQ(results["candidates"].size(), 3u);
  EXPECT_EQ(results["candidates"][0]["name"], "Alice Example");
  EXPECT_EQ(results["candidates"][2]["name"], "Carol Placeholder");
  const std::int64_t job_id = results["job_id"];

  CliRun table = RunShortlist({"results", std::to_string(job_id)}, env_);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::istringstream lines(table.out);
  std::vector<std::string> rows;
  for (std::string l; std::getline(lines, l);) rows.push_back(l);
  ASSERT_EQ(rows.size(), 4u) << table.out;
  EXPECT_NE(rows[1].find("Alice Example"), std::string::npos);
  EXPECT_NE(rows[1].find("alice.txt"), std::string::npos);
  EXPECT_NE(rows[1].find(std::to_string(results["candidates"][0]["score"].get<int>())),
            std::string::npos);
  EXPECT_NE(rows[3].find("Carol Placeholder"), std::string::npos);

  CliRun top =
      RunShortlist({"results", std::to_string(job_id), "--top", "1", "--format", "csv"}, env_);
  ASSERT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Alice Example"), std::string::npos);
  EXPECT_EQ(top.out.find("Bob Sample"), std::string::npos);

  CliRun list = RunShortlist({"jobs", "--format", "json"}, env_);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(json::parse(list.out)["jobs"][0]["job_id"], job_id);
  CliRun show = RunShortlist({"jobs", "show", std::to_string(job_id)}, env_);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("status: completed"), std::string::npos) << show.out;
  CliRun cancel = RunShortlist({"jobs", "cancel", std::to_string(job_id)}, env_);
  EXPECT_EQ(cancel.exit_code, 1) << "a completed job cannot be cancelled";
  EXPECT_FALSE(cancel.err.empty());
}

TEST_F(CliClientTest, EvaluateRanksSynchronously) {
  CliRun run = RunShortlist({"evaluate", "--job", job_, Cv(), "--format", "json"}, env_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json out = json::parse(run.out);
  ASSERT_EQ(out["candidates"].size(), 3u);
  EXPECT_EQ(out["candidates"][0]["id"], "alice.txt");
  EXPECT_EQ(out["candidates"][2]["id"], "carol.txt");
}

TEST_F(CliClientTest, ServerAndUsageErrorsHaveTheirExitCodes) {
  CliRun missing = RunShortlist({"results", "424242"}, env_);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("not found"), std::string::npos) << missing.err;
  auto no_token = env_;
  no_token["SHORTLIST_TOKEN"] = "";
  EXPECT_EQ(RunShortlist({"jobs"}, no_token).exit_code, 2);
  CliRun bad_token = RunShortlist({"jobs", "--token", "sl_wrong"}, env_);
  EXPECT_EQ(bad_token.exit_code, 1);
  CliRun down = RunShortlist({"jobs", "--url", "http://127.0.0.1:1"}, env_);
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("127.0.0.1:1"), std::string::npos) << down.err;
  CliRun partly = RunShortlist(
      {"submit", "--job", job_, Cv() + "/alice.txt", files_.path() + "/gone.pdf"}, env_);
  EXPECT_EQ(partly.exit_code, 3) << partly.err;
  EXPECT_NE(partly.err.find("gone.pdf"), std::string::npos);
}

}  // namespace
}  // namespace shortlist::testing
