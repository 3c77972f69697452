#include "api/job_charge.h"

#include "common/log.h"

namespace shortlist::api {

Result<JobCharge> JobCharge::Take(const ApiContext& ctx, const http::Caller& caller, int credits,
                                  const std::string& description) {
  if (!ctx.billing) return JobCharge(nullptr, 0);
  auto charge = ctx.billing->ChargeForJob(caller.principal, credits, description);
  if (!charge.ok()) return charge.error();
  return JobCharge(ctx.billing, charge->id);
}

JobCharge::JobCharge(JobCharge&& other) noexcept
    : billing_(other.billing_), charge_id_(other.charge_id_) {
  other.charge_id_ = 0;
}

JobCharge::~JobCharge() {
  if (!billing_ || charge_id_ == 0) return;
  Status refunded = billing_->RefundCharge(charge_id_, "job not accepted");
  if (!refunded.ok()) {
    Log(LogLevel::kError, "refund failed",
        {{"charge", static_cast<long long>(charge_id_)}, {"error", refunded.error().message}});
  }
}

void JobCharge::AttachTo(std::int64_t job_id) {
  if (billing_ && charge_id_ != 0) {
    Status attached = billing_->AttachJob(charge_id_, job_id);
    if (!attached.ok()) {
      Log(LogLevel::kError, "attaching a charge failed",
          {{"charge", static_cast<long long>(charge_id_)}, {"error", attached.error().message}});
    }
  }
  charge_id_ = 0;
}

Result<model::Job> AcceptJob(const ApiContext& ctx, const http::Caller& caller,
                             const model::NewJob& job, const std::string& public_id_prefix) {
  const int resumes = static_cast<int>(job.resumes.size());
  std::string description = "Screening " + std::to_string(resumes) +
                            (resumes == 1 ? " resume" : " resumes") +
                            (job.title.empty() ? std::string() : ": " + job.title);
  auto charge = JobCharge::Take(ctx, caller, resumes, description);
  if (!charge.ok()) return charge.error();
  auto created = ctx.store->CreateJob(job, public_id_prefix, ctx.clock->NowMillis());
  if (!created.ok()) return created.error();
  charge->AttachTo(created->id);
  if (ctx.workers) ctx.workers->Notify();
  return created;
}

void RefundUnscreened(const ApiContext& ctx, const model::Job& cancelled) {
  const int unscreened = cancelled.candidate_count - cancelled.processed_count;
  if (!ctx.billing || unscreened <= 0) return;
  Status refunded = ctx.billing->RefundJob(cancelled.id, unscreened, "job cancelled");
  if (!refunded.ok()) {
    Log(LogLevel::kError, "refund failed",
        {{"job", static_cast<long long>(cancelled.id)}, {"error", refunded.error().message}});
  }
}

}  // namespace shortlist::api
