// The account-wide candidate id encoding and the pool overview (agent_summary) of results.
#include <gtest/gtest.h>

#include "jobs/candidate_ids.h"
#include "jobs/pool_overview.h"

namespace shortlist::jobs {
namespace {

TEST(CandidateIdsTest, GlobalIdsDecodeToTheirJobAndPosition) {
  EXPECT_EQ(GlobalCandidateId(42, 3), 4200003);
  auto decoded = DecodeGlobalCandidateId(4200003);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->first, 42);
  EXPECT_EQ(decoded->second, 3);
  const std::int64_t big = GlobalCandidateId(9'000'000'000, 99'999);
  EXPECT_EQ(DecodeGlobalCandidateId(big)->first, 9'000'000'000);
  EXPECT_EQ(DecodeGlobalCandidateId(big)->second, 99'999);
  // Per-job ids and ids naming no position are not global ids.
  EXPECT_FALSE(DecodeGlobalCandidateId(1));
  EXPECT_FALSE(DecodeGlobalCandidateId(100'000));
  EXPECT_FALSE(DecodeGlobalCandidateId(4200000));
  EXPECT_FALSE(DecodeGlobalCandidateId(-5));
}

model::CandidateRecord Candidate(int index, const std::string& name, int score) {
  model::CandidateRecord c;
  c.index = index;
  c.name = name;
  c.score = score;
  return c;
}

TEST(PoolOverviewTest, ProgressIsTheShareScreenedAndFullOnceCompleted) {
  model::Job job;
  job.candidate_count = 3;
  job.processed_count = 1;
  job.status = model::JobStatus::kProcessing;
  EXPECT_EQ(ProgressPercent(job), 33);
  job.processed_count = 0;
  EXPECT_EQ(ProgressPercent(job), 0);
  job.status = model::JobStatus::kCompleted;
  EXPECT_EQ(ProgressPercent(job), 100);
}

TEST(PoolOverviewTest, TheOverviewStatesTheNumbersAndNamesTheBest) {
  model::Job job;
  job.title = "Backend Engineer";
  job.candidate_count = 4;
  job.leniency_level = 5;
  model::JobSummary summary;
  summary.total_candidates = 4;
  summary.qualified_count = 1;
  summary.top_score = 88;
  summary.average_score = 51.25;
  summary.unreadable_count = 1;
  model::CandidateRecord broken = Candidate(3, "", 0);
  broken.error_code = "corrupt_file";
  const std::string text =
      PoolOverview(job, summary, {Candidate(0, "Alice", 88), Candidate(1, "Bob", 60), broken});
  EXPECT_NE(text.find("Screened 4 of 4 resumes for Backend Engineer"), std::string::npos) << text;
  EXPECT_NE(text.find("1 candidate qualifies"), std::string::npos) << text;
  EXPECT_NE(text.find("top score 88, average 51.3"), std::string::npos) << text;
  EXPECT_NE(text.find("Alice (88)"), std::string::npos) << text;
  EXPECT_NE(text.find("Bob (60)"), std::string::npos) << text;
  EXPECT_NE(text.find("1 file could not be read"), std::string::npos) << text;
  EXPECT_EQ(PoolOverview(job, {}, {}), "");
}

}  // namespace
}  // namespace shortlist::jobs
