// PostgreSQL only: several processes on one database. Each process is stood for by its own
// Store (its own connection pool); the claims, leases, replays and revocations of one must be
// seen correctly by the other.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "common/crypto.h"
#include "store/pg_db.h"
#include "store/store.h"
#include "store_fixture.h"

namespace shortlist::store {

using model::Account;
using model::CandidateRecord;
using model::Job;
using model::JobStatus;
using model::Plan;
namespace {

class PgStoreTest : public StoreTest {};

TEST_P(PgStoreTest, TwoProcessesClaimEveryJobExactlyOnce) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  Account a = MakeAccount("a");
  for (int i = 0; i < 40; ++i) MakeJob(a.id, 1);
  std::mutex mu;
  std::multiset<std::int64_t> claimed;
  std::set<std::string> claimers;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    Store* store = t % 2 ? other.get() : store_.get();  // four threads on each "process"
    threads.emplace_back([&, store, t] {
      const std::string worker = "p" + std::to_string(t % 2) + "#" + std::to_string(t);
      while (true) {
        auto job = store->ClaimNextJob(worker, 1);
        ASSERT_TRUE(job.ok()) << job.error().message;
        if (!job->has_value()) return;
        EXPECT_EQ((*job)->status, JobStatus::kProcessing);
        std::lock_guard<std::mutex> lock(mu);
        claimed.insert((*job)->id);
        claimers.insert(worker);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(claimed.size(), 40u) << "a job claimed twice, or one never claimed";
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), 40u);
  EXPECT_FALSE(other->ClaimNextJob("late", 2)->has_value());
}

TEST_P(PgStoreTest, AnotherProcessRequeuesAJobWhoseLeaseRanOut) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  Account a = MakeAccount("a");
  Job dead = MakeJob(a.id, 1), alive = MakeJob(a.id, 1);
  // This process claims both at t=1000, then dies holding `dead` but keeps renewing `alive`.
  ASSERT_EQ((*store_->ClaimNextJob("crashed#0", 1000))->id, dead.id);
  ASSERT_EQ((*store_->ClaimNextJob("crashed#1", 1000))->id, alive.id);
  ASSERT_TRUE(store_->HeartbeatJobs({{alive.id, "crashed#1"}}, 30000).ok());
  EXPECT_FALSE(other->ClaimNextJob("survivor", 31000)->has_value()) << "both are held";
  // The survivor's lease keeper: leases older than 30 s before now (t=60000) are dead.
  auto requeued = other->RequeueStaleJobs(60000 - 30000);
  ASSERT_TRUE(requeued.ok()) << requeued.error().message;
  EXPECT_EQ(*requeued, 1);
  auto reclaimed = other->ClaimNextJob("survivor", 60000);
  ASSERT_TRUE(reclaimed.ok() && reclaimed->has_value());
  EXPECT_EQ((*reclaimed)->id, dead.id);
  EXPECT_EQ((*reclaimed)->started_at_ms, 1000);
  EXPECT_FALSE(other->ClaimNextJob("survivor", 60000)->has_value()) << "the live one stays";
  EXPECT_EQ(store_->GetJob(a.id, alive.id)->status, JobStatus::kProcessing);
  // Fresh leases (the reclaimed job's, and the live one renewed again) survive the next sweep.
  ASSERT_TRUE(store_->HeartbeatJobs({{alive.id, "crashed#1"}}, 60000).ok());
  EXPECT_EQ(*store_->RequeueStaleJobs(60000 - 1), 0);
  EXPECT_EQ(*other->RequeueOrphanedJobs(), 0) << "a start-up takes no live job";
}

TEST_P(PgStoreTest, BatchesReplayedByTwoWorkersAfterAReclaimAreWrittenOnce) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  Account a = MakeAccount("a");
  constexpr int kResumes = 100;
  Job job = MakeJob(a.id, kResumes);
  ASSERT_TRUE(store_->ClaimNextJob("slow", 1000)->has_value());
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 10), Candidate(1, 20)}).ok());
  // "slow" stops renewing; the other process takes the job over, then both write the rest.
  ASSERT_EQ(*other->RequeueStaleJobs(50000), 1);
  ASSERT_TRUE(other->ClaimNextJob("fast", 50000)->has_value());
  EXPECT_EQ(*other->DoneIndices(job.id), (std::vector<int>{0, 1}));
  auto write_rest = [&](Store* store, int step) {
    // Batches of 7 in opposite orders, so the two workers collide on the same indices.
    std::vector<CandidateRecord> batch;
    for (int n = 0; n < kResumes - 2; ++n) {
      const int i = step > 0 ? 2 + n : kResumes - 1 - n;
      batch.push_back(Candidate(i, i));
      if (batch.size() == 7 || n == kResumes - 3) {
        Status saved = store->SaveCandidates(job.id, batch);
        EXPECT_TRUE(saved.ok()) << saved.error().message;
        batch.clear();
      }
    }
  };
  std::thread slow([&] { write_rest(store_.get(), 1); });
  std::thread fast([&] { write_rest(other.get(), -1); });
  slow.join();
  fast.join();
  EXPECT_EQ(*other->DoneIndices(job.id), [] {
    std::vector<int> all(kResumes);
    for (int i = 0; i < kResumes; ++i) all[i] = i;
    return all;
  }());
  auto current = store_->GetJob(a.id, job.id);
  EXPECT_EQ(current->processed_count, kResumes) << "advanced only by rows really written";
  EXPECT_EQ(*store_->PendingResumeCount(), 0);
  ASSERT_TRUE(*other->FinishJob({job.id, "fast"}, JobStatus::kCompleted, "", 60000));
  // A straggler's batch after the finish changes nothing, so the cached summary stays true.
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(1, 99)}).ok());
  auto summary = other->GetJobWithSummary(a.id, job.id);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->first.processed_count, kResumes);
  EXPECT_EQ(summary->second.total_candidates, kResumes);
  EXPECT_EQ(summary->second.top_score, kResumes - 1);
  EXPECT_EQ(store_->GetCandidate(job.id, 1)->score, 20);
}

TEST_P(PgStoreTest, ACancelRacingSavesLeavesCountAndRowsInAgreement) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  Account a = MakeAccount("a");
  constexpr int kResumes = 200;
  Job job = MakeJob(a.id, kResumes);
  ASSERT_TRUE(store_->ClaimNextJob("w", 1)->has_value());
  std::atomic<bool> started{false};
  std::thread worker([&] {
    for (int i = 0; i < kResumes; i += 2) {
      ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(i, 50), Candidate(i + 1, 70)}).ok());
      started = true;
    }
  });
  while (!started) std::this_thread::yield();
  auto cancelled = other->CancelJob(a.id, job.id, 5);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  worker.join();
  auto after = store_->GetJobWithSummary(a.id, job.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->first.status, JobStatus::kCancelled);
  EXPECT_EQ(after->first.processed_count, cancelled->processed_count)
      << "no batch may land after the cancel";
  EXPECT_EQ(after->second.total_candidates, cancelled->processed_count);
  EXPECT_EQ(*store_->PendingResumeCount(), 0);
}

TEST_P(PgStoreTest, ARevokeIsSeenByEveryProcessAtOnce) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  Account a = MakeAccount("acme");
  ASSERT_TRUE(store_->CreateToken(a.id, "t", Sha256Hex("sl_shared"), "sl_shared").ok());
  for (int i = 0; i < 3; ++i) {
    auto seen = other->Authenticate(Sha256Hex("sl_shared"));
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen->account.id, a.id);
  }
  ASSERT_EQ(*store_->RevokeTokens("sl_shared", Store::kAnyAccount), 1);
  auto after = other->Authenticate(Sha256Hex("sl_shared"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "not_found");
}

TEST_P(PgStoreTest, AccountNamesRacedFromTwoProcessesMakeOneAccount) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  std::atomic<int> created{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    Store* store = t % 2 ? other.get() : store_.get();
    threads.emplace_back([&, store] {
      auto made = store->CreateAccount("racer", "", Plan::kStarter);
      if (made.ok()) {
        ++created;
      } else if (made.error().code == "conflict") {
        ++conflicts;
      } else {
        ADD_FAILURE() << made.error().code << ": " << made.error().message;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), 5);
  EXPECT_EQ(*store_->CountAccounts(), 1);
}

TEST_P(PgStoreTest, AProcessStartingBesideBusyWorkersDoesNotWaitForTheirWrites) {
  // A worker of a running process is mid-transaction on the candidates table.
  PgConnection busy(location_);
  PgTransaction transaction(busy);
  busy.Exec("LOCK TABLE candidates IN ROW EXCLUSIVE MODE");
  // A second process starts on the same database. Running the schema again would take a
  // SHARE lock on candidates (CREATE INDEX IF NOT EXISTS does, even when the index exists) and
  // wait for that transaction, then deadlock with the workers' next writes.
  auto opening = std::async(std::launch::async, [this] { return OpenAnother(); });
  bool opened = opening.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  transaction.Commit();  // lets a blocked open finish, so the test ends either way
  EXPECT_TRUE(opened) << "the second process waited for the first one's writes";
  EXPECT_NE(opening.get(), nullptr);
}

TEST_P(PgStoreTest, AServerThatIsNotThereIsAStorageError) {
  auto opened = OpenPostgresStore("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, "storage");
}

// Named "store" so that `ctest -R store` selects these tests.
INSTANTIATE_TEST_SUITE_P(store, PgStoreTest, ::testing::Values("postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace shortlist::store
