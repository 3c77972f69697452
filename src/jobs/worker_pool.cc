#include "jobs/worker_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <set>

#include "common/log.h"
#include "common/memory.h"

namespace shortlist::jobs {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

WorkerPool::WorkerPool(store::Store& store, const Screener& screener, const Clock& clock,
                       WorkerOptions options)
    : store_(store), screener_(screener), clock_(clock), options_(std::move(options)) {}

WorkerPool::~WorkerPool() { Stop(); }

void WorkerPool::Calibrate() {
  model::Job job;
  job.title = "Software Engineer";
  job.description =
      "We are hiring a software engineer with 3+ years of Python and SQL, experience with "
      "Docker and cloud services, and a degree in computer science.";
  model::ResumeInput resume;
  resume.filename = "calibration.txt";
  resume.content =
      "Sam Sample\nsam@example.com\nEXPERIENCE\nSoftware Engineer, Example Ltd, Jan 2019 - "
      "Present\n- Built Python services on PostgreSQL and Docker\nEDUCATION\nBSc Computer "
      "Science, 2018\nSKILLS\nPython, SQL, Docker, AWS, Git\n";
  const engine::JobRequirements requirements = screener_.AnalyzeJob(job);
  constexpr int kSamples = 20;
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kSamples; ++i) screener_.Screen(requirements, resume, i, {});
  RecordThroughput(
      kSamples, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

void WorkerPool::Start() {
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { Run(i); });
  lease_keeper_ = std::thread([this] { KeepLeases(); });
}

void WorkerPool::KeepLeases() {
  const auto period = std::chrono::milliseconds(std::max(1, options_.lease_ms / 3));
  for (;;) {
    std::vector<model::JobClaim> held;
    {
      MutexLock lock(mu_);
      const auto deadline = std::chrono::steady_clock::now() + period;
      while (!stopping_ && lease_wake_.WaitUntil(&mu_, deadline)) {
      }
      if (stopping_) return;
      for (const auto& [worker, job] : held_jobs_) held.push_back({job, worker});
    }
    const std::int64_t now = clock_.NowMillis();
    Status beat = store_.HeartbeatJobs(held, now);
    if (!beat.ok()) {
      Log(LogLevel::kWarn, "renewing job leases failed", {{"error", beat.error().message}});
    }
    auto requeued = store_.RequeueStaleJobs(now - options_.lease_ms);
    if (requeued.ok() && *requeued > 0) {
      Log(LogLevel::kWarn, "requeued jobs whose worker stopped answering", {{"count", *requeued}});
      {
        MutexLock lock(mu_);
        ++notifications_;
      }
      wake_.SignalAll();
    }
  }
}

void WorkerPool::Notify() {
  {
    MutexLock lock(mu_);
    ++notifications_;
  }
  wake_.Signal();
}

void WorkerPool::Stop() {
  if (stopping_.exchange(true)) return;
  // Taking the lock orders the flag before any waiter's next predicate check: no lost wake-up.
  { MutexLock lock(mu_); }
  wake_.SignalAll();
  lease_wake_.SignalAll();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  if (lease_keeper_.joinable()) lease_keeper_.join();
}

double WorkerPool::ResumesPerSecond() const {
  double rate = per_thread_rate_.load();
  if (rate <= 0) rate = 100;  // neither calibrated nor measured yet: a cautious guess
  return rate * std::max(1, options_.threads);
}

std::int64_t WorkerPool::EstimateMillis(std::int64_t ahead, std::int64_t remaining) const {
  double seconds = static_cast<double>(ahead + remaining) / ResumesPerSecond();
  return static_cast<std::int64_t>(seconds * 1000) + 1;
}

void WorkerPool::RecordThroughput(int resumes, double seconds) {
  if (resumes <= 0 || seconds <= 0) return;
  double sample = resumes / seconds;
  double old = per_thread_rate_.load();
  per_thread_rate_.store(old <= 0 ? sample : old * 0.7 + sample * 0.3);
}

void WorkerPool::Run(int worker_index) {
  // Screening yields the CPU to the HTTP threads: a status poll must not wait behind a batch.
  // (Linux's nice applies per thread; raising it needs no privilege.)
  if (options_.nice > 0) setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), options_.nice);
  const std::string worker_id = options_.worker_id + "#" + std::to_string(worker_index);
  std::uint64_t seen = 0;
  while (!stopping_) {
    model::OutboxFor<model::Job> announce;
    if (announcer_) announce = [this](const model::Job& job) { return announcer_->Started(job); };
    auto claimed = store_.ClaimNextJob(worker_id, clock_.NowMillis(), announce);
    if (!claimed.ok()) {
      Log(LogLevel::kError, "claiming a job failed", {{"error", claimed.error().message}});
    } else if (claimed->has_value()) {
      if (announcer_) announcer_->Written();
      MaybeCrashAt("claim");
      Process(**claimed, worker_id);
      continue;
    }
    MutexLock lock(mu_);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.idle_poll_ms);
    while (!stopping_ && notifications_ == seen && wake_.WaitUntil(&mu_, deadline)) {
    }
    seen = notifications_;
  }
}

void WorkerPool::Process(const model::Job& job, const std::string& worker_id) {
  // Held (its lease renewed by the keeper) until this function returns, however it returns.
  const model::JobClaim claim{job.id, worker_id};
  struct Hold {
    WorkerPool& pool;
    const model::JobClaim& claim;
    Hold(WorkerPool& p, const model::JobClaim& c) : pool(p), claim(c) {
      MutexLock lock(pool.mu_);
      pool.held_jobs_[claim.worker_id] = claim.job_id;
    }
    ~Hold() {
      MutexLock lock(pool.mu_);
      pool.held_jobs_.erase(claim.worker_id);
    }
  } hold(*this, claim);
  Log(LogLevel::kInfo, "job started",
      {{"job", static_cast<long long>(job.id)}, {"worker", worker_id}});
  for (JobObserver* o : observers_) o->OnJobStarted(job);
  auto resumes = store_.LoadResumes(job.id);
  auto done = store_.DoneIndices(job.id);
  if (!resumes.ok() || !done.ok()) {
    Log(LogLevel::kError, "loading a job failed", {{"job", static_cast<long long>(job.id)}});
    (void)store_.ReleaseJob(claim);
    return;
  }
  // The resumes are freed when this returns; a large job's memory is then given back.
  std::size_t resume_bytes = 0;
  for (const auto& r : *resumes) resume_bytes += r.content.size() + r.base64.size();
  struct NoteFreed {
    std::size_t bytes;
    ~NoteFreed() { NoteFreedMemory(bytes); }
  } note_freed{resume_bytes};
  std::set<int> written(done->begin(), done->end());
  const engine::JobRequirements requirements = screener_.AnalyzeJob(job);
  engine::ScoringOptions scoring;
  scoring.leniency_level = job.leniency_level;
  // The account's own ranking model, once it has reported enough outcomes.
  const std::optional<OutcomeModel> model = learner_.ModelFor(job.account_id, requirements);

  // The resumes still to screen, in order.
  std::vector<std::pair<int, const model::ResumeInput*>> todo;
  for (int i = 0; i < static_cast<int>(resumes->size()); ++i) {
    if (!written.count(i)) todo.emplace_back(i, &(*resumes)[i]);
  }
  JobTiming timing;
  timing.waited_ms = clock_.NowMillis() - job.created_at_ms;
  if (!ScreenAll(job, claim, todo, requirements, scoring, model ? &*model : nullptr, &timing)) {
    return;
  }
  const auto finish_started = std::chrono::steady_clock::now();
  Finish(job, claim);
  // Where a job's time went, for finding idle time (serve --log-level debug).
  Log(LogLevel::kDebug, "job timing",
      {{"job", static_cast<long long>(job.id)},
       {"queued_ms", static_cast<long long>(timing.waited_ms)},
       {"screen_ms", timing.screen_s * 1000},
       {"save_ms", timing.save_s * 1000},
       {"finish_ms", SecondsSince(finish_started) * 1000},
       {"batches", timing.batches}});
}

bool WorkerPool::ScreenAll(const model::Job& job, const model::JobClaim& claim,
                           const std::vector<std::pair<int, const model::ResumeInput*>>& todo,
                           const engine::JobRequirements& requirements,
                           const engine::ScoringOptions& scoring, const OutcomeModel* model,
                           JobTiming* timing) {
  // Cut into batches; each batch is screened and written in one transaction. A batch's URLs are
  // fetched (concurrently) while the batch before is screened, so a slow remote host and the
  // engine overlap. A prefetch writes nothing: stopping or cancelling between batches only
  // waits for it (the future's destructor) and drops what it fetched.
  const std::size_t batch_size = static_cast<std::size_t>(std::max(1, options_.batch_size));
  using Items = std::vector<std::pair<int, const model::ResumeInput*>>;
  auto batch_at = [&](std::size_t start) {
    return Items(
        todo.begin() + static_cast<std::ptrdiff_t>(start),
        todo.begin() + static_cast<std::ptrdiff_t>(std::min(todo.size(), start + batch_size)));
  };
  std::vector<Result<FetchedBytes>> fetched = screener_.FetchUrls(batch_at(0));
  std::future<std::vector<Result<FetchedBytes>>> next_fetch;
  for (std::size_t start = 0; start < todo.size(); start += batch_size) {
    auto batch_started = std::chrono::steady_clock::now();
    const Items items = batch_at(start);
    if (start + batch_size < todo.size()) {
      next_fetch = std::async(std::launch::async, [this, next = batch_at(start + batch_size)] {
        return screener_.FetchUrls(next);
      });
    }
    std::vector<model::CandidateRecord> batch =
        screener_.ScreenFetched(requirements, items, fetched, scoring, model);
    for (auto& c : batch) c.job_id = job.id;
    timing->screen_s += SecondsSince(batch_started);
    ++timing->batches;
    auto save_started = std::chrono::steady_clock::now();
    Status saved = store_.SaveCandidates(job.id, batch);
    if (!saved.ok()) {
      Log(LogLevel::kError, "saving candidates failed", {{"error", saved.error().message}});
      (void)store_.ReleaseJob(claim);
      return false;
    }
    MaybeCrashAt("batch");
    for (JobObserver* o : observers_) o->OnCandidatesSaved(job, batch);
    timing->save_s += SecondsSince(save_started);
    RecordThroughput(static_cast<int>(batch.size()), SecondsSince(batch_started));
    if (start + batch_size >= todo.size()) break;  // the last batch: the caller finishes
    if (stopping_) {
      (void)store_.ReleaseJob(claim);
      return false;
    }
    auto current = store_.GetJob(job.account_id, job.id);
    if (current.ok() && current->status == model::JobStatus::kCancelled) {
      Log(LogLevel::kInfo, "job cancelled", {{"job", static_cast<long long>(job.id)}});
      return false;
    }
    fetched = next_fetch.get();
  }
  return true;
}

void WorkerPool::Finish(const model::Job& job, const model::JobClaim& claim) {
  // A job none of whose resumes could be read has nothing to rank: it fails, saying why (each
  // candidate keeps its own error).
  model::JobStatus final_status = model::JobStatus::kCompleted;
  std::string error;
  auto summary = store_.Summarize(job.id);
  if (summary.ok() && summary->total_candidates > 0 &&
      summary->unreadable_count == summary->total_candidates) {
    final_status = model::JobStatus::kFailed;
    error = "None of the " + std::to_string(summary->total_candidates) +
            " resumes could be read; see each candidate's error.";
  }
  // The job as finishing makes it, so its events are written in the same transaction.
  const std::int64_t now = clock_.NowMillis();
  model::Job finished_job = job;
  if (auto current = store_.GetJob(job.account_id, job.id); current.ok()) finished_job = *current;
  finished_job.status = final_status;
  finished_job.error = error;
  finished_job.completed_at_ms = now;
  std::vector<model::NewWebhookDelivery> events;
  if (announcer_) events = announcer_->Finished(finished_job);
  auto finished = store_.FinishJob(claim, final_status, error, now, events);
  if (!finished.ok()) {
    Log(LogLevel::kError, "finishing a job failed", {{"error", finished.error().message}});
    return;
  }
  if (!*finished) {
    // Cancelled meanwhile, or this worker's lease ran out and the job went back to the queue:
    // whoever holds it now finishes it and announces it, once.
    Log(LogLevel::kInfo, "job no longer held by this worker; not finished here",
        {{"job", static_cast<long long>(job.id)}, {"worker", claim.worker_id}});
    return;
  }
  if (announcer_ && !events.empty()) announcer_->Written();
  MaybeCrashAt("finish");
  Log(LogLevel::kInfo, final_status == model::JobStatus::kFailed ? "job failed" : "job completed",
      {{"job", static_cast<long long>(job.id)},
       {"candidates", static_cast<int>(finished_job.candidate_count)}});
  // finished_job is what FinishJob wrote (read after the last batch, so its counts are final).
  for (JobObserver* o : observers_) o->OnJobFinished(finished_job);
}

void WorkerPool::MaybeCrashAt(const char* step) const {
  if (options_.crash_at != step) return;
  Log(LogLevel::kWarn, "exiting at a test crash point", {{"step", step}});
  _exit(86);
}

}  // namespace shortlist::jobs
