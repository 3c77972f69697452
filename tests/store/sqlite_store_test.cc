#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "common/crypto.h"
#include "store/store.h"

namespace shortlist::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("store_test_" + RandomHex(6));
    std::filesystem::create_directories(dir_);
    auto opened = OpenSqliteStore((dir_ / "db.sqlite").string());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Account MakeAccount(const std::string& name) {
    auto a = store_->CreateAccount(name, name + "@example.com", Plan::kPro);
    EXPECT_TRUE(a.ok());
    return *a;
  }

  Job MakeJob(std::int64_t account_id, int resumes) {
    NewJob j;
    j.account_id = account_id;
    j.title = "Engineer";
    j.description = "A description";
    for (int i = 0; i < resumes; ++i) {
      j.resumes.push_back({"r" + std::to_string(i) + ".txt", "", "text", "", ""});
    }
    auto job = store_->CreateJob(j, "", 1000);
    EXPECT_TRUE(job.ok());
    return *job;
  }

  CandidateRecord Candidate(int index, int score) {
    CandidateRecord c;
    c.index = index;
    c.score = score;
    c.qualified = score >= 60;
    c.analysis_json = "{}";
    return c;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, TokensAuthenticateUntilRevoked) {
  Account a = MakeAccount("acme");
  ASSERT_TRUE(store_->CreateToken(a.id, "t", Sha256Hex("sl_secret"), "sl_secret").ok());
  auto p = store_->Authenticate(Sha256Hex("sl_secret"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->account.name, "acme");
  EXPECT_EQ(p->account.plan, Plan::kPro);
  EXPECT_EQ(store_->Authenticate(Sha256Hex("sl_other")).error().code, "not_found");
  auto revoked = store_->RevokeTokens(Sha256Hex("sl_secret"));
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, 1);
  EXPECT_FALSE(store_->Authenticate(Sha256Hex("sl_secret")).ok());
}

TEST_F(SqliteStoreTest, RevokeFromAnotherProcessEndsACachedToken) {
  // A second Store on the same file stands in for the CLI process: its revoke must reach this
  // store's in-memory token cache at once.
  Account a = MakeAccount("acme");
  ASSERT_TRUE(store_->CreateToken(a.id, "t", Sha256Hex("sl_cached"), "sl_cached").ok());
  ASSERT_TRUE(store_->CreateToken(a.id, "u", Sha256Hex("sl_kept"), "sl_kept").ok());
  ASSERT_TRUE(store_->Authenticate(Sha256Hex("sl_cached")).ok());
  ASSERT_TRUE(store_->Authenticate(Sha256Hex("sl_cached")).ok()) << "second look: from cache";
  ASSERT_TRUE(store_->Authenticate(Sha256Hex("sl_kept")).ok());
  {
    auto cli = OpenSqliteStore((dir_ / "db.sqlite").string());
    ASSERT_TRUE(cli.ok());
    ASSERT_EQ(*(*cli)->RevokeTokens(Sha256Hex("sl_cached")), 1);
  }
  auto after = store_->Authenticate(Sha256Hex("sl_cached"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "not_found");
  EXPECT_TRUE(store_->Authenticate(Sha256Hex("sl_kept")).ok()) << "other tokens still work";
}

TEST_F(SqliteStoreTest, FinishedJobStatusIsServedToItsOwnerOnly) {
  Account a = MakeAccount("acme"), b = MakeAccount("other");
  Job job = MakeJob(a.id, 2);
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 80), Candidate(1, 40)}).ok());
  ASSERT_TRUE(store_->FinishJob(job.id, JobStatus::kCompleted, "", 2000).ok());
  for (int round = 0; round < 2; ++round) {  // the second round is answered from memory
    auto mine = store_->GetJobWithSummary(a.id, job.id);
    ASSERT_TRUE(mine.ok());
    EXPECT_EQ(mine->first.status, JobStatus::kCompleted);
    EXPECT_EQ(mine->second.top_score, 80);
    EXPECT_EQ(mine->second.qualified_count, 1);
    auto theirs = store_->GetJobWithSummary(b.id, job.id);
    ASSERT_FALSE(theirs.ok());
    EXPECT_EQ(theirs.error().code, "not_found");
  }
}

TEST_F(SqliteStoreTest, BatchesAfterACancelAreDropped) {
  Account a = MakeAccount("acme");
  Job job = MakeJob(a.id, 3);
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 70)}).ok());
  auto cancelled = store_->CancelJob(a.id, job.id, 1500);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->processed_count, 1);
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(1, 60), Candidate(2, 50)}).ok());
  auto after = store_->GetJobWithSummary(a.id, job.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->first.processed_count, 1);
  EXPECT_EQ(after->second.total_candidates, 1);
}

TEST_F(SqliteStoreTest, DuplicateAccountNameIsConflict) {
  MakeAccount("acme");
  auto again = store_->CreateAccount("acme", "", Plan::kStandard);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_F(SqliteStoreTest, AnotherAccountsJobIsNotFound) {
  Account a = MakeAccount("a"), b = MakeAccount("b");
  Job job = MakeJob(a.id, 2);
  EXPECT_TRUE(store_->GetJob(a.id, job.id).ok());
  auto other = store_->GetJob(b.id, job.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "not_found");
  EXPECT_EQ(store_->CancelJob(b.id, job.id, 1).error().code, "not_found");
}

TEST_F(SqliteStoreTest, ClaimSaveAndFinishRunsAJobOnce) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 3);
  EXPECT_EQ(job.public_id, std::to_string(job.id));
  auto claimed = store_->ClaimNextJob("w1", 2000);
  ASSERT_TRUE(claimed.ok() && claimed->has_value());
  EXPECT_EQ((*claimed)->status, JobStatus::kProcessing);
  auto none = store_->ClaimNextJob("w2", 2000);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value()) << "a claimed job must not be claimed twice";

  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 50), Candidate(1, 90)}).ok());
  // A replayed batch (e.g. after a crash) writes nothing twice.
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(1, 90), Candidate(2, 70)}).ok());
  auto after = store_->GetJob(a.id, job.id);
  EXPECT_EQ(after->processed_count, 3);
  auto done = store_->DoneIndices(job.id);
  EXPECT_EQ(*done, (std::vector<int>{0, 1, 2}));

  ASSERT_TRUE(store_->FinishJob(job.id, JobStatus::kCompleted, "", 3000).ok());
  int total = 0;
  auto list = store_->ListCandidates(job.id, CandidateFilter{}, &total);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(total, 3);
  EXPECT_EQ((*list)[0].score, 90);
  EXPECT_EQ((*list)[1].score, 70);
  EXPECT_EQ((*list)[2].score, 50);
  auto summary = store_->Summarize(job.id);
  EXPECT_EQ(summary->top_score, 90);
  auto both = store_->GetJobWithSummary(a.id, job.id);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->first.status, JobStatus::kCompleted);
  EXPECT_EQ(both->second.total_candidates, 3);
  EXPECT_EQ(both->second.qualified_count, 2);
  EXPECT_EQ(both->second.top_score, 90);
  EXPECT_NEAR(both->second.average_score, 70.0, 1e-9);
  EXPECT_EQ(store_->GetJobWithSummary(a.id + 1, job.id).error().code, "not_found");
  EXPECT_EQ(summary->qualified_count, 2);
  EXPECT_NEAR(summary->average_score, 70.0, 1e-9);
}

TEST_F(SqliteStoreTest, CandidateFiltersApplyTopNThenMinScore) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 5);
  ASSERT_TRUE(store_
                  ->SaveCandidates(job.id, {Candidate(0, 10), Candidate(1, 80), Candidate(2, 60),
                                            Candidate(3, 95), Candidate(4, 40)})
                  .ok());
  int total = 0;
  CandidateFilter f;
  f.only_top_n = 3;
  f.min_score = 70;
  auto list = store_->ListCandidates(job.id, f, &total);
  ASSERT_EQ(total, 2);
  EXPECT_EQ((*list)[0].index, 3);
  EXPECT_EQ((*list)[1].index, 1);
  f = CandidateFilter{};
  f.limit = 2;
  f.offset = 2;
  list = store_->ListCandidates(job.id, f, &total);
  EXPECT_EQ(total, 5);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].score, 60);
  EXPECT_EQ((*list)[1].score, 40);
}

TEST_F(SqliteStoreTest, CancelIsRefusedOnceFinal) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 1);
  auto cancelled = store_->CancelJob(a.id, job.id, 5);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, JobStatus::kCancelled);
  auto again = store_->CancelJob(a.id, job.id, 6);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  // A worker finishing late does not resurrect a cancelled job.
  ASSERT_TRUE(store_->FinishJob(job.id, JobStatus::kCompleted, "", 7).ok());
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kCancelled);
}

TEST_F(SqliteStoreTest, OrphanedJobsReturnToTheQueue) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->ClaimNextJob("dead", 1)->has_value());
  auto n = store_->RequeueOrphanedJobs();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kQueued);
  EXPECT_TRUE(store_->ClaimNextJob("alive", 2)->has_value());
}

TEST_F(SqliteStoreTest, ListJobsFiltersAndPagesNewestFirst) {
  Account a = MakeAccount("a");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(MakeJob(a.id, 1).id);
  ASSERT_TRUE(store_->CancelJob(a.id, ids[1], 9).ok());
  int total = 0;
  JobFilter f;
  f.limit = 2;
  auto page = store_->ListJobs(a.id, f, &total);
  EXPECT_EQ(total, 5);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, ids[4]);
  f.status = JobStatus::kCancelled;
  page = store_->ListJobs(a.id, f, &total);
  EXPECT_EQ(total, 1);
  EXPECT_EQ((*page)[0].id, ids[1]);
}

TEST_F(SqliteStoreTest, ConcurrentClaimsNeverShareAJob) {
  Account a = MakeAccount("a");
  for (int i = 0; i < 40; ++i) MakeJob(a.id, 1);
  std::mutex mu;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      while (true) {
        auto job = store_->ClaimNextJob("w" + std::to_string(t), 1);
        ASSERT_TRUE(job.ok()) << job.error().message;
        if (!job->has_value()) return;
        std::lock_guard<std::mutex> lock(mu);
        claimed.insert((*job)->id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(claimed.size(), 40u);
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), 40u);
}

TEST_F(SqliteStoreTest, PrefixedPublicIdsAreFoundByAccount) {
  Account a = MakeAccount("a"), b = MakeAccount("b");
  NewJob j;
  j.account_id = a.id;
  j.surface = JobSurface::kBulkScreen;
  j.title = "t";
  j.description = "d";
  auto job = store_->CreateJob(j, "bulk_", 1);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->public_id.rfind("bulk_", 0), 0u);
  EXPECT_TRUE(store_->GetJobByPublicId(a.id, job->public_id).ok());
  EXPECT_FALSE(store_->GetJobByPublicId(b.id, job->public_id).ok());
}

}  // namespace
}  // namespace shortlist::store
