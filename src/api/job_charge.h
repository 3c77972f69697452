// Paying for a job as it is accepted: one credit per resume, charged before the job is stored,
// so a job that the balance or an agent key's limits cannot cover is refused whole (402) and
// never half-run. If storing the job then fails, the charge is given back.
//
//   auto charge = JobCharge::Take(ctx, caller, resumes, "Screening: Backend Engineer");
//   if (!charge.ok()) return ErrorResponse(charge.error());
//   auto job = ctx.store->CreateJob(...);
//   if (!job.ok()) return ErrorResponse(job.error());   // ~JobCharge refunds
//   charge->AttachTo(job->id);
#pragma once

#include <cstdint>
#include <string>

#include "api/context.h"
#include "http/message.h"

namespace shortlist::api {

class JobCharge {
 public:
  // Charges `credits` for `caller` (nothing when the server runs without billing).
  static Result<JobCharge> Take(const ApiContext& ctx, const http::Caller& caller, int credits,
                                const std::string& description);

  JobCharge(JobCharge&& other) noexcept;
  JobCharge& operator=(JobCharge&&) = delete;
  JobCharge(const JobCharge&) = delete;
  ~JobCharge();  // refunds unless AttachTo() ran

  // The charge paid for job `job_id`: kept.
  void AttachTo(std::int64_t job_id);

 private:
  JobCharge(billing::Billing* billing, std::int64_t charge_id)
      : billing_(billing), charge_id_(charge_id) {}
  billing::Billing* billing_ = nullptr;
  std::int64_t charge_id_ = 0;  // 0: nothing to attach or refund
};

// Charges for `job` (one credit per resume), stores it queued and wakes a worker. Errors: the
// charge's ("insufficient_credits", "spend_limit_exceeded": 402) or the store's.
Result<model::Job> AcceptJob(const ApiContext& ctx, const http::Caller& caller,
                             const model::NewJob& job, const std::string& public_id_prefix);

// After a cancel: gives back the credits of the resumes the job never screened.
void RefundUnscreened(const ApiContext& ctx, const model::Job& cancelled);

}  // namespace shortlist::api
