// The Store contract, checked on every backend (SQLite and PostgreSQL): the same calls must
// give the same answers. PostgreSQL-only behaviour (several processes on one database) is in
// pg_store_test.cc.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "common/crypto.h"
#include "store/pg_db.h"
#include "store/sqlite_db.h"
#include "store/store.h"
#include "store_fixture.h"

namespace shortlist::store {

using model::Account;
using model::CandidateFilter;
using model::CandidateRecord;
using model::Job;
using model::JobFilter;
using model::JobStatus;
using model::JobSurface;
using model::NewJob;
using model::Plan;
namespace {

TEST_P(StoreTest, TokensAuthenticateUntilRevoked) {
  Account a = MakeAccount("acme");
  ASSERT_TRUE(store_->CreateToken(a.id, "t", Sha256Hex("sl_secret"), "sl_secret").ok());
  auto p = store_->Authenticate(Sha256Hex("sl_secret"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->account.name, "acme");
  EXPECT_EQ(p->account.plan, Plan::kPro);
  EXPECT_EQ(store_->Authenticate(Sha256Hex("sl_other")).error().code, "not_found");
  auto revoked = store_->RevokeTokens(Sha256Hex("sl_secret"), Store::kAnyAccount);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, 1);
  EXPECT_FALSE(store_->Authenticate(Sha256Hex("sl_secret")).ok());
}

TEST_P(StoreTest, RevokeFromAnotherProcessEndsACachedToken) {
  // A second Store on the same file stands in for the CLI process: its revoke must reach this
  // store's in-memory token cache at once.
  Account a = MakeAccount("acme");
  ASSERT_TRUE(store_->CreateToken(a.id, "t", Sha256Hex("sl_cached"), "sl_cached").ok());
  ASSERT_TRUE(store_->CreateToken(a.id, "u", Sha256Hex("sl_kept"), "sl_kept").ok());
  ASSERT_TRUE(store_->Authenticate(Sha256Hex("sl_cached")).ok());
  ASSERT_TRUE(store_->Authenticate(Sha256Hex("sl_cached")).ok()) << "second look: from cache";
  ASSERT_TRUE(store_->Authenticate(Sha256Hex("sl_kept")).ok());
  {
    auto cli = OpenAnother();
    ASSERT_NE(cli, nullptr);
    ASSERT_EQ(*cli->RevokeTokens(Sha256Hex("sl_cached"), Store::kAnyAccount), 1);
  }
  auto after = store_->Authenticate(Sha256Hex("sl_cached"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "not_found");
  EXPECT_TRUE(store_->Authenticate(Sha256Hex("sl_kept")).ok()) << "other tokens still work";
}

TEST_P(StoreTest, FinishedJobStatusIsServedToItsOwnerOnly) {
  Account a = MakeAccount("acme"), b = MakeAccount("other");
  Job job = MakeJob(a.id, 2);
  ASSERT_EQ((*store_->ClaimNextJob("w", 1500))->id, job.id);
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 80), Candidate(1, 40)}).ok());
  ASSERT_TRUE(*store_->FinishJob({job.id, "w"}, JobStatus::kCompleted, "", 2000));
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

TEST_P(StoreTest, BatchesAfterACancelAreDropped) {
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

TEST_P(StoreTest, DuplicateAccountNameIsConflict) {
  MakeAccount("acme");
  auto again = store_->CreateAccount("acme", "", Plan::kStandard);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_P(StoreTest, AnotherAccountsJobIsNotFound) {
  Account a = MakeAccount("a"), b = MakeAccount("b");
  Job job = MakeJob(a.id, 2);
  EXPECT_TRUE(store_->GetJob(a.id, job.id).ok());
  auto other = store_->GetJob(b.id, job.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "not_found");
  EXPECT_EQ(store_->CancelJob(b.id, job.id, 1).error().code, "not_found");
}

TEST_P(StoreTest, ClaimSaveAndFinishRunsAJobOnce) {
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

  ASSERT_TRUE(*store_->FinishJob({job.id, "w1"}, JobStatus::kCompleted, "", 3000));
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

TEST_P(StoreTest, CandidateFiltersApplyTopNThenMinScore) {
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

// Equal rounded scores list by the engine's unrounded score, not by upload order; exact ties
// keep upload order.
TEST_P(StoreTest, EqualScoresRankByTheUnroundedScore) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 4);
  std::vector<CandidateRecord> batch = {Candidate(0, 70), Candidate(1, 70), Candidate(2, 71),
                                        Candidate(3, 70)};
  batch[0].raw_score = 69.6;
  batch[1].raw_score = 70.4;
  batch[2].raw_score = 70.5;
  batch[3].raw_score = 69.6;
  ASSERT_TRUE(store_->SaveCandidates(job.id, batch).ok());
  int total = 0;
  auto list = store_->ListCandidates(job.id, CandidateFilter{}, &total);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 4u);
  std::vector<int> order;
  for (const CandidateRecord& c : *list) order.push_back(c.index);
  EXPECT_EQ(order, (std::vector<int>{2, 1, 0, 3}));
  EXPECT_DOUBLE_EQ((*list)[1].raw_score, 70.4);
  CandidateFilter top;
  top.only_top_n = 2;
  list = store_->ListCandidates(job.id, top, &total);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].index, 1);
}

// A database made before raw_score existed opens, gains the column, and ranks its old rows
// (unrounded score 0) in upload order.
TEST_P(StoreTest, ADatabaseFromBeforeRawScoreIsMigrated) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 3);
  store_.reset();
  const std::string downgrade =
      "DROP INDEX IF EXISTS candidates_by_rank; ALTER TABLE candidates DROP COLUMN raw_score; "
      "CREATE INDEX candidates_by_score ON candidates(job_id, score DESC, idx);";
  if (postgres()) {
    // The older version's schema text had another digest, so the current one runs (pg_pool.cc).
    PgConnection(location_).Exec(downgrade + " DELETE FROM shortlist_schemas;");
  } else {
    SqliteDb(location_).Exec(downgrade);
  }
  store_ = OpenAnother();
  ASSERT_NE(store_, nullptr);
  std::vector<CandidateRecord> batch = {Candidate(0, 60), Candidate(1, 60), Candidate(2, 60)};
  batch[2].raw_score = 60.3;
  ASSERT_TRUE(store_->SaveCandidates(job.id, batch).ok());
  int total = 0;
  auto list = store_->ListCandidates(job.id, CandidateFilter{}, &total);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].index, 2);
  EXPECT_EQ((*list)[1].index, 0);
}

TEST_P(StoreTest, CancelIsRefusedOnceFinal) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 1);
  ASSERT_EQ((*store_->ClaimNextJob("w", 2))->id, job.id);
  auto cancelled = store_->CancelJob(a.id, job.id, 5);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, JobStatus::kCancelled);
  auto again = store_->CancelJob(a.id, job.id, 6);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  // A worker finishing late does not resurrect a cancelled job.
  auto finished = store_->FinishJob({job.id, "w"}, JobStatus::kCompleted, "", 7);
  ASSERT_TRUE(finished.ok());
  EXPECT_FALSE(*finished);
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kCancelled);
}

TEST_P(StoreTest, OrphanedJobsReturnToTheQueue) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->ClaimNextJob("dead", 1)->has_value());
  auto n = store_->RequeueOrphanedJobs();
  ASSERT_TRUE(n.ok());
  if (postgres()) {
    // Many processes share the queue: a start-up must not take the others' live jobs. A dead
    // process's jobs come back when their lease runs out instead.
    EXPECT_EQ(*n, 0);
    EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kProcessing);
    EXPECT_FALSE(store_->ClaimNextJob("alive", 2)->has_value());
    ASSERT_EQ(*store_->RequeueStaleJobs(2), 1);
    EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kQueued);
    EXPECT_TRUE(store_->ClaimNextJob("alive", 3)->has_value());
    return;
  }
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kQueued);
  EXPECT_TRUE(store_->ClaimNextJob("alive", 2)->has_value());
}

TEST_P(StoreTest, ListJobsFiltersAndPagesNewestFirst) {
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

TEST_P(StoreTest, ConcurrentClaimsNeverShareAJob) {
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

TEST_P(StoreTest, PrefixedPublicIdsAreFoundByAccount) {
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

TEST_P(StoreTest, BigJobsKeepEveryResumeAndCandidateInOrder) {
  // More rows than one multi-row INSERT holds, and text that must travel unmangled.
  Account a = MakeAccount("a");
  NewJob j;
  j.account_id = a.id;
  j.title = "Ingénieur 'logiciel'";
  j.description = "C++ \\ {braces}, \"quotes\", 100% — ünïcode; $1 ?";
  for (int i = 0; i < 150; ++i) {
    j.resumes.push_back({"r" + std::to_string(i) + ".txt", "ext" + std::to_string(i),
                         "O'Brien \\n {" + std::to_string(i) + "}", "", ""});
  }
  auto job = store_->CreateJob(j, "job_", 1);
  ASSERT_TRUE(job.ok()) << job.error().message;
  EXPECT_EQ(job->title, j.title);
  EXPECT_EQ(job->description, j.description);
  EXPECT_EQ(job->candidate_count, 150);
  EXPECT_EQ(job->public_id.rfind("job_" + std::to_string(job->id), 0), 0u);
  auto resumes = store_->LoadResumes(job->id);
  ASSERT_TRUE(resumes.ok());
  ASSERT_EQ(resumes->size(), 150u);
  for (int i = 0; i < 150; ++i) {
    EXPECT_EQ((*resumes)[i].external_id, "ext" + std::to_string(i));
    EXPECT_EQ((*resumes)[i].content, "O'Brien \\n {" + std::to_string(i) + "}");
  }
  std::vector<CandidateRecord> batch;
  for (int i = 0; i < 150; ++i) batch.push_back(Candidate(i, i % 101));
  batch[7].name = "Zoë \"Z\" O'Neil";
  batch[7].error_code = "unreadable";
  ASSERT_TRUE(store_->SaveCandidates(job->id, batch).ok());
  EXPECT_EQ(store_->GetJob(a.id, job->id)->processed_count, 150);
  auto seventh = store_->GetCandidate(job->id, 7);
  ASSERT_TRUE(seventh.ok());
  EXPECT_EQ(seventh->name, "Zoë \"Z\" O'Neil");
  EXPECT_EQ(seventh->score, 7);
  EXPECT_FALSE(seventh->qualified);
  EXPECT_TRUE(store_->GetCandidate(job->id, 100)->qualified);
  auto summary = store_->Summarize(job->id);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->total_candidates, 150);
  EXPECT_EQ(summary->top_score, 100);
  EXPECT_EQ(summary->unreadable_count, 1);
  EXPECT_EQ(store_->DoneIndices(job->id)->size(), 150u);
  EXPECT_EQ(*store_->PendingResumeCount(), 0);
}

TEST_P(StoreTest, CandidateUpdatesKeepWhatIsNotGiven) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 75)}).ok());
  auto updated = store_->UpdateCandidate(job.id, 0, std::string("shortlisted"), std::nullopt);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->status, "shortlisted");
  EXPECT_EQ(updated->user_notes, "");
  updated = store_->UpdateCandidate(job.id, 0, std::nullopt, std::string("call back"));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->status, "shortlisted");
  EXPECT_EQ(updated->user_notes, "call back");
  EXPECT_EQ(updated->score, 75);
  auto missing = store_->UpdateCandidate(job.id, 5, std::string("x"), std::nullopt);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_EQ(missing.error().message, "candidate 6 not found");
}

TEST_P(StoreTest, OutcomesAreReplacedAndListedOldestFirst) {
  Account a = MakeAccount("a"), b = MakeAccount("b");
  Job job = MakeJob(a.id, 2);
  CandidateRecord first = Candidate(0, 90), second = Candidate(1, 50);
  first.analysis_json = "{\"n\":0}";
  second.analysis_json = "{\"n\":1}";
  ASSERT_TRUE(store_->SaveCandidates(job.id, {first, second}).ok());
  ASSERT_TRUE(store_->RecordOutcome(a.id, job.id, 1, "rejected", 10).ok());
  ASSERT_TRUE(store_->RecordOutcome(a.id, job.id, 0, "hired", 20).ok());
  ASSERT_TRUE(store_->RecordOutcome(a.id, job.id, 1, "withdrawn", 30).ok());
  auto outcomes = store_->ListOutcomes(a.id);
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ((*outcomes)[0].index, 0);
  EXPECT_EQ((*outcomes)[0].outcome, "hired");
  EXPECT_EQ((*outcomes)[0].analysis_json, "{\"n\":0}");
  EXPECT_EQ((*outcomes)[1].outcome, "withdrawn");
  EXPECT_EQ((*outcomes)[1].recorded_at_ms, 30);
  EXPECT_TRUE(store_->ListOutcomes(b.id)->empty());
}

TEST_P(StoreTest, OutcomeSettingsAndVersionBelongToTheAccount) {
  Account a = MakeAccount("a"), b = MakeAccount("b");
  Job job = MakeJob(a.id, 1);
  ASSERT_TRUE(store_->SaveCandidates(job.id, {Candidate(0, 90)}).ok());
  auto defaults = store_->GetOutcomeSettings(a.id);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->outcome_weight, 1.0);
  EXPECT_EQ(defaults->reset_at_ms, 0);
  ASSERT_TRUE(store_->SetOutcomeWeight(a.id, 0.5).ok());
  ASSERT_TRUE(store_->ResetOutcomeModel(a.id, 40).ok());
  EXPECT_EQ(store_->GetOutcomeSettings(a.id)->outcome_weight, 0.5);
  EXPECT_EQ(store_->GetOutcomeSettings(a.id)->reset_at_ms, 40);
  EXPECT_EQ(store_->GetOutcomeSettings(b.id)->outcome_weight, 1.0);
  // The version moves with every recorded or changed outcome, and only the account's own.
  const std::string none = *store_->OutcomesVersion(a.id);
  ASSERT_TRUE(store_->RecordOutcome(a.id, job.id, 0, "hired", 50).ok());
  const std::string hired = *store_->OutcomesVersion(a.id);
  ASSERT_TRUE(store_->RecordOutcome(a.id, job.id, 0, "rejected", 50).ok());
  const std::string rejected = *store_->OutcomesVersion(a.id);
  EXPECT_NE(none, hired);
  EXPECT_NE(hired, rejected);
  EXPECT_EQ(*store_->OutcomesVersion(b.id), none);
  auto listed = store_->ListOutcomes(a.id);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].job_title, job.title);
}

TEST_P(StoreTest, AccountsAndTokensAreListed) {
  EXPECT_EQ(*store_->CountAccounts(), 0);
  Account a = MakeAccount("acme");
  EXPECT_EQ(a.email, "acme@example.com");
  auto found = store_->FindAccountByName("acme");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->plan, Plan::kPro);
  EXPECT_EQ(store_->FindAccountByName("nobody").error().code, "not_found");
  ASSERT_TRUE(store_->CreateToken(a.id, "ci", Sha256Hex("sl_one"), "sl_one").ok());
  ASSERT_TRUE(store_->CreateToken(a.id, "laptop", Sha256Hex("sl_two"), "sl_two").ok());
  Account b = MakeAccount("other");
  EXPECT_EQ(*store_->RevokeTokens("sl_one", b.id), 0) << "another account's token is untouched";
  ASSERT_EQ(*store_->RevokeTokens("sl_one", a.id), 1) << "revocation by prefix";
  EXPECT_EQ(*store_->RevokeTokens("sl_one", a.id), 0) << "already revoked";
  auto tokens = store_->ListTokens(a.id);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].name, "ci");
  EXPECT_TRUE((*tokens)[0].revoked);
  EXPECT_FALSE((*tokens)[1].revoked);
  EXPECT_EQ(*store_->CountAccounts(), 2);
}

TEST_P(StoreTest, StaleLeasesReturnToTheQueueAndLiveOnesStay) {
  Account a = MakeAccount("a");
  Job stale = MakeJob(a.id, 1), live = MakeJob(a.id, 1), waiting = MakeJob(a.id, 1);
  ASSERT_EQ((*store_->ClaimNextJob("w0", 1000))->id, stale.id);
  ASSERT_EQ((*store_->ClaimNextJob("w1", 1000))->id, live.id);
  // The heartbeat renews only processing jobs; the queued one and an unknown id are ignored.
  ASSERT_TRUE(
      store_->HeartbeatJobs({{live.id, "w1"}, {waiting.id, ""}, {999999, "w1"}}, 5000).ok());
  ASSERT_TRUE(store_->HeartbeatJobs({}, 6000).ok());
  auto requeued = store_->RequeueStaleJobs(4000);
  ASSERT_TRUE(requeued.ok()) << requeued.error().message;
  EXPECT_EQ(*requeued, 1);
  EXPECT_EQ(store_->GetJob(a.id, stale.id)->status, JobStatus::kQueued);
  EXPECT_EQ(store_->GetJob(a.id, live.id)->status, JobStatus::kProcessing);
  auto again = store_->ClaimNextJob("w2", 7000);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->id, stale.id) << "the oldest queued job first";
  EXPECT_EQ((*again)->started_at_ms, 1000) << "started_at is the first claim";
  ASSERT_TRUE(store_->ReleaseJob({live.id, "w1"}).ok());
  EXPECT_EQ(store_->GetJob(a.id, live.id)->status, JobStatus::kQueued);
  EXPECT_EQ(*store_->PendingResumeCount(), 3);
}

// A worker whose lease ran out (a stalled or partitioned process) may still be running: once its
// job is requeued and claimed again, its heartbeat, release and finish change nothing, and the
// new holder's do.
TEST_P(StoreTest, AWorkerWhoseLeaseRanOutNoLongerActsOnItsJob) {
  Account a = MakeAccount("a");
  Job job = MakeJob(a.id, 1);
  ASSERT_EQ((*store_->ClaimNextJob("stalled", 1000))->id, job.id);
  ASSERT_EQ(*store_->RequeueStaleJobs(5000), 1);
  ASSERT_EQ((*store_->ClaimNextJob("fresh", 6000))->id, job.id);
  // The stalled worker's heartbeat does not renew the fresh claim: it still goes stale at 7000.
  ASSERT_TRUE(store_->HeartbeatJobs({{job.id, "stalled"}}, 9000).ok());
  ASSERT_EQ(*store_->RequeueStaleJobs(7000), 1);
  ASSERT_EQ((*store_->ClaimNextJob("fresh", 10000))->id, job.id);
  // Its release and finish are refused.
  ASSERT_TRUE(store_->ReleaseJob({job.id, "stalled"}).ok());
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kProcessing);
  auto late = store_->FinishJob({job.id, "stalled"}, JobStatus::kFailed, "lost", 11000);
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_FALSE(*late);
  EXPECT_EQ(store_->GetJob(a.id, job.id)->status, JobStatus::kProcessing);
  // The holder renews, and finishes.
  ASSERT_TRUE(store_->HeartbeatJobs({{job.id, "fresh"}}, 12000).ok());
  EXPECT_EQ(*store_->RequeueStaleJobs(11500), 0);
  auto done = store_->FinishJob({job.id, "fresh"}, JobStatus::kCompleted, "", 13000);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(*done);
  Job finished = *store_->GetJob(a.id, job.id);
  EXPECT_EQ(finished.status, JobStatus::kCompleted);
  EXPECT_EQ(finished.error, "");
}

// Named "store" so that `ctest -R store` selects these tests.
INSTANTIATE_TEST_SUITE_P(store, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace shortlist::store
