#include "jobs/job_service.h"

#include <algorithm>
#include <utility>

#include "common/log.h"
#include "jobs/candidate_ids.h"
#include "jobs/pool_overview.h"

namespace shortlist::jobs {
namespace {

// A charge taken before a job is stored: given back when it goes out of scope unless the job it
// paid for was stored (Keep), so a job is never half paid for or paid for and lost.
class PendingCharge {
 public:
  PendingCharge(JobCharges* billing, std::int64_t charge_id)
      : billing_(billing), charge_id_(charge_id) {}
  PendingCharge(const PendingCharge&) = delete;
  PendingCharge& operator=(const PendingCharge&) = delete;
  ~PendingCharge() {
    if (billing_ == nullptr || charge_id_ == 0) return;
    Status refunded = billing_->RefundCharge(charge_id_, "job not accepted");
    if (!refunded.ok()) {
      Log(LogLevel::kError, "refund failed",
          {{"charge", static_cast<long long>(charge_id_)}, {"error", refunded.error().message}});
    }
  }

  // The charge paid for job `job_id`: kept.
  void Keep(std::int64_t job_id) {
    if (billing_ != nullptr && charge_id_ != 0) {
      Status attached = billing_->AttachJob(charge_id_, job_id);
      if (!attached.ok()) {
        Log(LogLevel::kError, "attaching a charge failed",
            {{"charge", static_cast<long long>(charge_id_)}, {"error", attached.error().message}});
      }
    }
    charge_id_ = 0;
  }

 private:
  JobCharges* billing_;
  std::int64_t charge_id_;
};

// "Screening 3 resumes: Backend Engineer": the ledger line of a job's charge.
std::string ChargeDescription(std::string_view verb, const model::NewJob& job) {
  const std::size_t n = job.resumes.size();
  return std::string(verb) + " " + std::to_string(n) + (n == 1 ? " resume" : " resumes") +
         (job.title.empty() ? std::string() : ": " + job.title);
}

Error JobNotFound() { return Error::Make("not_found", "Job not found."); }

}  // namespace

JobService::JobService(store::Store& store, const Screener& screener, WorkerPool* workers,
                       JobCharges* billing, const Clock& clock)
    : store_(store), screener_(screener), workers_(workers), billing_(billing), clock_(clock) {}

Result<model::Job> JobService::Submit(const model::Principal& caller, const model::NewJob& job,
                                      std::string_view public_id_prefix) {
  std::int64_t charge_id = 0;
  if (billing_ != nullptr) {
    auto charge = billing_->ChargeForJob(caller, static_cast<int>(job.resumes.size()),
                                         ChargeDescription("Screening", job));
    if (!charge.ok()) return charge.error();
    charge_id = charge->id;
  }
  PendingCharge pending(billing_, charge_id);
  auto created = store_.CreateJob(job, std::string(public_id_prefix), clock_.NowMillis());
  if (!created.ok()) return created.error();
  pending.Keep(created->id);
  if (workers_ != nullptr) workers_->Notify();
  return created;
}

Result<EvaluatedJob> JobService::Evaluate(const model::Principal& caller, model::NewJob job) {
  std::int64_t charge_id = 0;
  if (billing_ != nullptr) {
    // Paid for before the work; an answer that is not a stored evaluation gives it back.
    auto charge =
        billing_->ChargeForJob(caller, static_cast<int>(job.resumes.size()),
                               "Evaluating " + std::to_string(job.resumes.size()) + " resumes");
    if (!charge.ok()) return charge.error();
    charge_id = charge->id;
  }
  PendingCharge pending(billing_, charge_id);
  EvaluatedJob out;
  out.requirements = screener_.engine().AnalyzeJob(job.title, job.description);
  // The account's own ranking model applies here too, as in its queued jobs.
  const std::optional<OutcomeModel> model = learner_.ModelFor(caller.account.id, out.requirements);
  std::vector<std::pair<int, const model::ResumeInput*>> items;
  for (std::size_t i = 0; i < job.resumes.size(); ++i) {
    items.emplace_back(static_cast<int>(i), &job.resumes[i]);
  }
  out.candidates = screener_.ScreenBatch(out.requirements, items, engine::ScoringOptions{},
                                         model ? &*model : nullptr);
  if (std::any_of(out.candidates.begin(), out.candidates.end(),
                  [](const model::CandidateRecord& c) { return !c.error_code.empty(); })) {
    return out;
  }
  // Recorded like any job (completed at once), so it can be read again later. It is stored as
  // held by this request, so no worker screens it a second time meanwhile.
  const std::int64_t now = clock_.NowMillis();
  job.claimed_by = "evaluate";
  auto stored = store_.CreateJob(job, "job_", now);
  if (!stored.ok()) return stored.error();
  pending.Keep(stored->id);
  for (auto& c : out.candidates) c.job_id = stored->id;
  Status saved = store_.SaveCandidates(stored->id, out.candidates);
  if (!saved.ok()) return saved.error();
  auto finished =
      store_.FinishJob({stored->id, job.claimed_by}, model::JobStatus::kCompleted, "", now);
  if (!finished.ok()) return finished.error();
  out.stored = std::move(stored).value();
  return out;
}

Result<model::Job> JobService::Get(std::int64_t account_id, std::int64_t job_id) {
  auto job = store_.GetJob(account_id, job_id);
  if (!job.ok() && job.error().code == "not_found") return JobNotFound();
  return job;
}

Result<model::Job> JobService::GetByPublicId(std::int64_t account_id,
                                             const std::string& public_id) {
  auto job = store_.GetJobByPublicId(account_id, public_id);
  if (!job.ok() && job.error().code == "not_found") return JobNotFound();
  return job;
}

Result<JobStatusView> JobService::View(std::int64_t account_id, std::int64_t job_id) {
  auto found = store_.GetJobWithSummary(account_id, job_id);
  if (!found.ok()) {
    if (found.error().code == "not_found") return JobNotFound();
    return found.error();
  }
  JobStatusView view{std::move(found->first), found->second, 0};
  view.estimated_completion_ms = EstimatedCompletion(view.job);
  return view;
}

std::int64_t JobService::EstimatedCompletion(const model::Job& job) {
  if (model::IsFinal(job.status)) return job.completed_at_ms;
  std::int64_t ahead = 0;
  if (job.status == model::JobStatus::kQueued) {
    // The queue counts this job's own resumes too.
    auto pending = store_.PendingResumeCount();
    if (pending.ok()) ahead = std::max<std::int64_t>(0, *pending - job.candidate_count);
  }
  return clock_.NowMillis() + EstimateMillis(ahead, job.candidate_count - job.processed_count);
}

std::int64_t JobService::EstimateMillis(std::int64_t ahead, std::int64_t remaining) const {
  if (workers_ != nullptr) return workers_->EstimateMillis(ahead, remaining);
  return (ahead + remaining) * 10 + 1;  // no workers here: another process's, at ~100/s
}

Result<std::int64_t> JobService::QueueDepth() { return store_.PendingResumeCount(); }

Result<JobPage> JobService::List(std::int64_t account_id, const JobListQuery& query) {
  JobPage page;
  auto jobs = ListUnion(account_id, query, &page.total);
  if (!jobs.ok()) return jobs.error();
  for (auto& job : *jobs) {
    auto summary = store_.Summarize(job.id);
    JobStatusView view{std::move(job), summary.ok() ? *summary : model::JobSummary{}, 0};
    view.estimated_completion_ms = EstimatedCompletion(view.job);
    page.jobs.push_back(std::move(view));
  }
  return page;
}

Result<std::vector<model::Job>> JobService::ListUnion(std::int64_t account_id,
                                                      const JobListQuery& query, int* total) {
  model::JobFilter filter;
  filter.surface = query.surface;
  filter.created_after_ms = query.created_after_ms;
  filter.limit = query.limit;
  filter.offset = query.offset;
  if (query.statuses.size() <= 1) {
    if (!query.statuses.empty()) filter.status = query.statuses.front();
    return store_.ListJobs(account_id, filter, total);
  }
  // Several statuses: the first offset+limit of each, merged newest first, then the window.
  filter.limit = query.offset + query.limit;
  filter.offset = 0;
  std::vector<model::Job> merged;
  *total = 0;
  for (model::JobStatus status : query.statuses) {
    filter.status = status;
    int count = 0;
    auto some = store_.ListJobs(account_id, filter, &count);
    if (!some.ok()) return some.error();
    merged.insert(merged.end(), some->begin(), some->end());
    *total += count;
  }
  std::sort(merged.begin(), merged.end(),
            [](const model::Job& a, const model::Job& b) { return a.id > b.id; });
  std::vector<model::Job> window;
  for (std::size_t i = static_cast<std::size_t>(query.offset);
       i < merged.size() && window.size() < static_cast<std::size_t>(query.limit); ++i) {
    window.push_back(std::move(merged[i]));
  }
  return window;
}

Result<model::Job> JobService::Cancel(std::int64_t account_id, std::int64_t job_id) {
  auto found = Get(account_id, job_id);
  if (!found.ok()) return found.error();
  auto job = store_.CancelJob(account_id, job_id, clock_.NowMillis());
  if (!job.ok()) return job.error();
  const int unscreened = job->candidate_count - job->processed_count;
  if (billing_ != nullptr && unscreened > 0) {
    Status refunded = billing_->RefundJob(job->id, unscreened, "job cancelled");
    if (!refunded.ok()) {
      Log(LogLevel::kError, "refund failed",
          {{"job", static_cast<long long>(job->id)}, {"error", refunded.error().message}});
    }
  }
  return job;
}

Result<CandidatePage> JobService::Candidates(const model::Job& job,
                                             const model::CandidateFilter& filter) {
  CandidatePage page;
  auto candidates = store_.ListCandidates(job.id, filter, &page.total);
  if (!candidates.ok()) return candidates.error();
  page.candidates = std::move(candidates).value();
  return page;
}

Result<model::CandidateRecord> JobService::Candidate(const model::Job& job,
                                                     std::int64_t candidate_id) {
  if (auto global = DecodeGlobalCandidateId(candidate_id); global && global->first == job.id) {
    candidate_id = global->second;
  }
  if (candidate_id < 1 || candidate_id > job.candidate_count) {
    return Error::Make("not_found", "Candidate " + std::to_string(candidate_id) +
                                        " not found in job " + std::to_string(job.id) + ".");
  }
  auto c = store_.GetCandidate(job.id, static_cast<int>(candidate_id - 1));
  if (!c.ok() && c.error().code == "not_found") {
    return Error::Make("not_found",
                       "Candidate " + std::to_string(candidate_id) + " has not been screened yet.");
  }
  return c;
}

Result<std::pair<model::Job, model::CandidateRecord>> JobService::FindCandidate(
    std::int64_t account_id, std::int64_t global_id) {
  const auto decoded = DecodeGlobalCandidateId(global_id);
  if (!decoded) return Error::Make("not_found", "Candidate not found.");
  auto job = Get(account_id, decoded->first);
  if (!job.ok()) {
    if (job.error().code == "not_found") return Error::Make("not_found", "Candidate not found.");
    return job.error();
  }
  auto candidate = Candidate(*job, decoded->second);
  if (!candidate.ok()) {
    if (candidate.error().code == "not_found")
      return Error::Make("not_found", "Candidate not found.");
    return candidate.error();
  }
  return std::make_pair(std::move(job).value(), std::move(candidate).value());
}

Result<model::CandidateRecord> JobService::UpdateCandidate(
    const model::CandidateRecord& candidate, const std::optional<std::string>& status,
    const std::optional<std::string>& user_notes) {
  return store_.UpdateCandidate(candidate.job_id, candidate.index, status, user_notes);
}

Result<OutcomeModelSummary> JobService::OutcomeModelOf(std::int64_t account_id) {
  return learner_.Summarize(account_id);
}

Status JobService::SetOutcomeWeight(std::int64_t account_id, double weight) {
  if (!(weight >= 0 && weight <= model::kMaxOutcomeWeight)) {
    return Error::Make("invalid", "outcome_weight must be between 0 and 3");
  }
  return store_.SetOutcomeWeight(account_id, weight);
}

Status JobService::ResetOutcomeModel(std::int64_t account_id) {
  return store_.ResetOutcomeModel(account_id, clock_.NowMillis());
}

Status JobService::RecordOutcome(std::int64_t account_id, const model::CandidateRecord& candidate,
                                 const std::string& outcome) {
  return store_.RecordOutcome(account_id, candidate.job_id, candidate.index, outcome,
                              clock_.NowMillis());
}

Result<std::string> JobService::PoolOverview(const model::Job& job) {
  auto summary = store_.Summarize(job.id);
  if (!summary.ok()) return summary.error();
  model::CandidateFilter best;
  best.limit = 6;  // the three best readable ones are among the first six unless files failed
  int total = 0;
  auto candidates = store_.ListCandidates(job.id, best, &total);
  if (!candidates.ok()) return candidates.error();
  return jobs::PoolOverview(job, *summary, *candidates);
}

}  // namespace shortlist::jobs
