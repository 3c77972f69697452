// The job workers against a real SQLite store and a fake engine (scores are the resume's
// length, so the expected ranking is obvious): jobs complete, resumed jobs skip written
// candidates, cancelled jobs stop, unreadable files fail alone, estimates come from measurements.
#include "jobs/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "common/crypto.h"

namespace shortlist::jobs {
namespace {

class FakeEngine : public engine::Engine {
 public:
  engine::JobRequirements AnalyzeJob(std::string_view title, std::string_view) const override {
    engine::JobRequirements r;
    r.title = std::string(title);
    return r;
  }
  engine::ResumeProfile AnalyzeResume(std::string_view text) const override {
    ++analyzed;
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    engine::ResumeProfile p;
    p.text = std::string(text);
    p.contact.name = p.text.substr(0, p.text.find('\n'));
    return p;
  }
  engine::Evaluation Evaluate(const engine::JobRequirements&, const engine::ResumeProfile& resume,
                              const engine::ScoringOptions&) const override {
    engine::Evaluation e;
    e.score = static_cast<int>(std::min<std::size_t>(100, resume.text.size()));
    e.qualified = e.score >= 50;
    e.breakdown.push_back({"length", 1, 100, static_cast<double>(e.score), "longer is better"});
    return e;
  }
  std::vector<std::string> RelatedSkills(std::string_view) const override { return {}; }

  mutable std::atomic<int> analyzed{0};
  int delay_ms = 0;
};

class WorkerPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("workers_test_" + RandomHex(6));
    std::filesystem::create_directories(dir_);
    store_ = std::move(store::OpenSqliteStore((dir_ / "db").string())).value();
    account_ = store_->CreateAccount("a", "", model::Plan::kPro)->id;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  model::Job Submit(int resumes, int padding_step = 10) {
    model::NewJob job;
    job.account_id = account_;
    job.title = "Engineer";
    job.description = "description";
    for (int i = 0; i < resumes; ++i) {
      model::ResumeInput r;
      r.filename = "r" + std::to_string(i);
      r.content = "Person " + std::to_string(i) + "\n" + std::string(i * padding_step, 'x');
      job.resumes.push_back(r);
    }
    return *store_->CreateJob(job, "", 1);
  }

  model::Job WaitFinal(std::int64_t id) {
    for (int i = 0; i < 1000; ++i) {
      auto job = store_->GetJob(account_, id);
      if (model::IsFinal(job->status)) return *job;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "job " << id << " never finished";
    return *store_->GetJob(account_, id);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::int64_t account_ = 0;
  FakeEngine engine_;
  FakeClock clock_{1'000'000};
};

TEST_F(WorkerPoolTest, ProcessesQueuedJobsToCompletion) {
  Screener screener(engine_, {});
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{2, 3, 20, "t"});
  struct CountingObserver : JobObserver {
    std::atomic<int> started{0}, saved{0}, finished{0};
    void OnJobStarted(const model::Job&) override { ++started; }
    void OnCandidatesSaved(const model::Job&,
                           const std::vector<model::CandidateRecord>& b) override {
      saved += static_cast<int>(b.size());
    }
    void OnJobFinished(const model::Job& job) override {
      EXPECT_EQ(job.status, model::JobStatus::kCompleted);
      EXPECT_EQ(job.processed_count, job.candidate_count);
      ++finished;
    }
  } observer;
  pool.AddObserver(&observer);
  pool.Start();
  model::Job a = Submit(7), b = Submit(4);
  pool.Notify();
  EXPECT_EQ(WaitFinal(a.id).processed_count, 7);
  EXPECT_EQ(WaitFinal(b.id).processed_count, 4);
  pool.Stop();
  EXPECT_EQ(observer.started, 2);
  EXPECT_EQ(observer.saved, 11);
  EXPECT_EQ(observer.finished, 2);
  int total = 0;
  auto top = store_->ListCandidates(a.id, model::CandidateFilter{}, &total);
  EXPECT_EQ(total, 7);
  EXPECT_EQ((*top)[0].index, 6) << "the longest resume scores highest with the fake engine";
  EXPECT_EQ((*top)[0].name, "Person 6");
}

TEST_F(WorkerPoolTest, NotifiedJobIsTakenWithoutWaitingForAnIdlePoll) {
  // Idle workers look for jobs only once an hour here: each job below completes only if
  // Notify() reaches a sleeping worker (and is not swallowed by the lease keeper's sleep).
  Screener screener(engine_, {});
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{2, 25, 3'600'000, "t"});
  pool.Start();
  for (int i = 0; i < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // every thread asleep again
    model::Job job = Submit(2);
    pool.Notify();
    EXPECT_EQ(WaitFinal(job.id).status, model::JobStatus::kCompleted) << "job " << i;
  }
  pool.Stop();
}

TEST_F(WorkerPoolTest, ResumedJobSkipsCandidatesAlreadyWritten) {
  model::Job job = Submit(5);
  ASSERT_TRUE(store_->ClaimNextJob("dead-worker", 1)->has_value());
  model::CandidateRecord done;
  done.index = 0;
  done.score = 77;
  done.analysis_json = "{}";
  ASSERT_TRUE(store_->SaveCandidates(job.id, {done}).ok());
  ASSERT_EQ(*store_->RequeueOrphanedJobs(), 1);

  Screener screener(engine_, {});
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{1, 2, 20, "t"});
  pool.Start();
  model::Job final_job = WaitFinal(job.id);
  pool.Stop();
  EXPECT_EQ(final_job.status, model::JobStatus::kCompleted);
  EXPECT_EQ(final_job.processed_count, 5);
  EXPECT_EQ(engine_.analyzed, 4) << "the written candidate was not screened again";
  EXPECT_EQ(store_->GetCandidate(job.id, 0)->score, 77);
}

TEST_F(WorkerPoolTest, CancelledJobStopsBetweenBatches) {
  engine_.delay_ms = 20;
  model::Job job = Submit(40);
  Screener screener(engine_, {});
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{1, 2, 20, "t"});
  pool.Start();
  while (store_->GetJob(account_, job.id)->processed_count == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(store_->CancelJob(account_, job.id, 2).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  pool.Stop();
  model::Job after = *store_->GetJob(account_, job.id);
  EXPECT_EQ(after.status, model::JobStatus::kCancelled);
  EXPECT_LT(after.processed_count, 40);
  EXPECT_LT(engine_.analyzed, 40);
}

TEST_F(WorkerPoolTest, StopReturnsUnfinishedJobToTheQueue) {
  engine_.delay_ms = 10;
  model::Job job = Submit(30);
  Screener screener(engine_, {});
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{1, 2, 20, "t"});
  pool.Start();
  while (store_->GetJob(account_, job.id)->processed_count == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  pool.Stop();
  model::Job after = *store_->GetJob(account_, job.id);
  EXPECT_EQ(after.status, model::JobStatus::kQueued);
  EXPECT_GT(after.processed_count, 0);
  EXPECT_LT(after.processed_count, 30);
}

TEST_F(WorkerPoolTest, UnreadableFileFailsAloneWithItsName) {
  model::NewJob job;
  job.account_id = account_;
  job.title = "t";
  job.description = "d";
  job.resumes.push_back({"good.txt", "", "Good person\nlots of text here", "", ""});
  job.resumes.push_back({"bad.pdf", "", "", "!!!not base64!!!", ""});
  job.resumes.push_back({"remote.pdf", "", "", "", "http://example.invalid/cv.pdf"});
  std::int64_t id = store_->CreateJob(job, "", 1)->id;
  ScreenerOptions options;
  options.fetch_urls = [](const std::vector<std::string>& urls) {
    std::vector<Result<FetchedBytes>> out;
    for (const auto& u : urls) out.push_back(Error::Make("url_refused", u + " is refused"));
    return out;
  };
  Screener screener(engine_, options);
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{1, 10, 20, "t"});
  pool.Start();
  EXPECT_EQ(WaitFinal(id).status, model::JobStatus::kCompleted);
  pool.Stop();
  auto bad = *store_->GetCandidate(id, 1);
  EXPECT_EQ(bad.error_code, "invalid_base64");
  EXPECT_NE(bad.error_message.find("bad.pdf"), std::string::npos) << bad.error_message;
  EXPECT_EQ(bad.score, 0);
  auto remote = *store_->GetCandidate(id, 2);
  EXPECT_EQ(remote.error_code, "url_refused");
  EXPECT_GT(store_->GetCandidate(id, 0)->score, 0);
}

TEST_F(WorkerPoolTest, NextBatchIsFetchedWhileThisOneIsScreened) {
  // Screening waits (up to 5 s) until the second batch's URLs are being fetched: with fetching
  // overlapped, that fetch starts before the first batch is written.
  struct WaitingEngine : FakeEngine {
    engine::ResumeProfile AnalyzeResume(std::string_view text) const override {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait_for(lock, std::chrono::seconds(5), [this] { return second_fetch; });
      return FakeEngine::AnalyzeResume(text);
    }
    mutable std::mutex mu;
    mutable std::condition_variable cv;
    mutable bool second_fetch = false;
  } engine;
  model::NewJob job;
  job.account_id = account_;
  job.title = "t";
  job.description = "d";
  for (int i = 0; i < 6; ++i) {
    job.resumes.push_back({"", "", "", "", "http://files.test/r" + std::to_string(i) + ".txt"});
  }
  const std::int64_t id = store_->CreateJob(job, "", 1)->id;
  std::atomic<int> fetches{0};
  std::atomic<int> written_at_second_fetch{-1};
  ScreenerOptions options;
  options.fetch_urls = [&](const std::vector<std::string>& urls) {
    if (++fetches == 2) {
      written_at_second_fetch = static_cast<int>(store_->DoneIndices(id)->size());
      std::lock_guard<std::mutex> lock(engine.mu);
      engine.second_fetch = true;
      engine.cv.notify_all();
    }
    std::vector<Result<FetchedBytes>> out;
    for (const auto& u : urls) out.push_back(FetchedBytes{"Person at " + u + "\n", "cv.txt"});
    return out;
  };
  Screener screener(engine, options);
  WorkerPool pool(*store_, screener, clock_, WorkerOptions{1, 3, 20, "t"});
  pool.Start();
  EXPECT_EQ(WaitFinal(id).processed_count, 6);
  pool.Stop();
  EXPECT_EQ(fetches, 2);
  EXPECT_EQ(written_at_second_fetch, 0);
}

TEST_F(WorkerPoolTest, EstimatesComeFromMeasuredThroughput) {
  Screener screener(engine_, {});
  WorkerPool fast_pool(*store_, screener, clock_, WorkerOptions{1, 10, 20, "t"});
  fast_pool.Calibrate();
  FakeEngine slow_engine;
  slow_engine.delay_ms = 5;
  Screener slow_screener(slow_engine, {});
  WorkerPool slow_pool(*store_, slow_screener, clock_, WorkerOptions{1, 10, 20, "t"});
  slow_pool.Calibrate();
  EXPECT_GT(fast_pool.ResumesPerSecond(), slow_pool.ResumesPerSecond());
  EXPECT_LT(slow_pool.ResumesPerSecond(), 250) << "5 ms a resume cannot exceed 200/s";
  EXPECT_GT(slow_pool.EstimateMillis(0, 100), 400);
}

}  // namespace
}  // namespace shortlist::jobs
