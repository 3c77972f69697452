// The job workers: screening runs here, off the HTTP threads.
//
// Design: the queue is the `jobs` table itself, so nothing accepted lives only in memory. Each
// of `threads` workers loops: claim the oldest queued job (queued -> processing, atomically in
// the store), analyse the job description once, screen the resumes not yet written in batches
// (fetching the next batch's URLs while one is screened), save each batch in one transaction (a
// candidate index is written at most once), and between batches look whether the job was
// cancelled. When all are written the job becomes completed.
// Idle workers sleep on a condition variable that Notify() (a job was queued) or a short poll
// timeout wakes, so jobs queued by another process are picked up too (within idle_poll_ms).
//
// Crash safety: a job whose worker died stays "processing". A lease keeper thread renews the
// heartbeat of the jobs this process holds every lease/3 and returns to the queue any job whose
// heartbeat is older than the lease (its process died: on PostgreSQL other server processes
// keep running and reclaim it). At start-up a single-process (SQLite) server also returns every
// processing job at once (Store::RequeueOrphanedJobs). A reclaimed job resumes from the first
// unwritten resume, and a candidate index is written at most once, so each candidate is
// written exactly once even if the old worker was only slow. Stop() finishes the batch in
// hand and returns the job to the queue.
//
// Throughput is measured (resumes per second, smoothed) and feeds estimated completion times.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/mutex.h"
#include "jobs/job_announcer.h"
#include "jobs/job_observer.h"
#include "jobs/outcome_learner.h"
#include "jobs/screener.h"
#include "store/store.h"

namespace shortlist::jobs {

struct WorkerOptions {
  int threads = 2;                  // worker threads; 0 makes an API-only process that queues jobs
  int batch_size = 25;              // candidates written per transaction
  int idle_poll_ms = 500;           // how often an idle worker looks for jobs queued elsewhere
  std::string worker_id = "local";  // names this process's claims (unique per process)
  // A processing job whose heartbeat is older than this is taken to have lost its worker.
  int lease_ms = 30000;
  // The worker threads' nice value (0-19): above 0 they give way to the HTTP threads, so
  // screening uses the cores the requests leave idle.
  int nice = 10;
  // Tests only (SHORTLIST_TEST_CRASH_AT): the process exits at once at this step of a job's life,
  // "claim" (claimed), "batch" (a batch written) or "finish" (finished), to prove that a crash
  // there loses and duplicates nothing. Empty in production.
  std::string crash_at = {};
};

class WorkerPool {
 public:
  // `store`, `screener` and `clock` must outlive the pool.
  WorkerPool(store::Store& store, const Screener& screener, const Clock& clock,
             WorkerOptions options);
  ~WorkerPool();

  // Adds a listener for job events (webhooks, billing, metrics). Call before Start(); the
  // observer must outlive the pool.
  void AddObserver(JobObserver* observer) { observers_.push_back(observer); }
  // Builds the webhook events written with each claim and finish (may stay null: none). Call
  // before Start(); it must outlive the pool.
  void SetAnnouncer(JobAnnouncer* announcer) { announcer_ = announcer; }

  // Measures throughput on a built-in sample before any job ran, so the first estimates come
  // from this machine rather than from a constant. Takes a few milliseconds.
  void Calibrate();
  void Start();
  // Wakes a worker: a job was queued.
  void Notify();
  // Finishes the batch in hand, returns unfinished jobs to the queue, joins. Idempotent.
  void Stop();

  // Measured screening throughput (resumes per second across the pool), never 0.
  double ResumesPerSecond() const;
  // Milliseconds until `remaining` more resumes are done, given `ahead` resumes queued before.
  std::int64_t EstimateMillis(std::int64_t ahead, std::int64_t remaining) const;

 private:
  void Run(int worker_index);
  // Processes one claimed job to its end (or until stop / cancel).
  void Process(const model::Job& job, const std::string& worker_id);
  // Where a job's time went (logged at debug level).
  struct JobTiming {
    std::int64_t waited_ms = 0;  // from being queued to its first batch (claim, load)
    double screen_s = 0, save_s = 0;
    int batches = 0;
  };
  // Screens `todo` batch by batch, writing each; false when the job stopped here (cancelled,
  // released, a write failed) and must not be finished.
  bool ScreenAll(const model::Job& job, const model::JobClaim& claim,
                 const std::vector<std::pair<int, const model::ResumeInput*>>& todo,
                 const engine::JobRequirements& requirements, const engine::ScoringOptions& scoring,
                 const OutcomeModel* model, JobTiming* timing);
  // Marks the job completed or failed, with its events; tells the observers.
  void Finish(const model::Job& job, const model::JobClaim& claim);
  // Ends the process if options_.crash_at names `step` (tests only).
  void MaybeCrashAt(const char* step) const;
  void RecordThroughput(int resumes, double seconds);
  // The lease keeper: heartbeats held jobs, requeues stale ones.
  void KeepLeases();

  store::Store& store_;
  const Screener& screener_;
  // The accounts' outcome models, kept between jobs (retrained when outcomes change).
  OutcomeLearner learner_{store_, screener_.engine()};
  const Clock& clock_;
  WorkerOptions options_;
  std::vector<JobObserver*> observers_;
  JobAnnouncer* announcer_ = nullptr;

  Mutex mu_;
  // Idle workers wait on wake_ alone: Notify() signals one waiter, and were the lease keeper
  // waiting on it too, that one could be the keeper, which would swallow the signal and leave
  // a new job waiting for a worker's idle poll (up to idle_poll_ms).
  CondVar wake_;
  CondVar lease_wake_;  // the lease keeper's sleep, cut short only by Stop()
  std::uint64_t notifications_ GUARDED_BY(mu_) = 0;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
  std::thread lease_keeper_;
  // The jobs being processed here, by worker id (a worker holds one at a time).
  std::map<std::string, std::int64_t> held_jobs_ GUARDED_BY(mu_);

  std::atomic<double> per_thread_rate_{0};  // resumes/s for one worker thread, smoothed
};

}  // namespace shortlist::jobs
