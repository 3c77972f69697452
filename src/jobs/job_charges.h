// What a job's life needs from billing: a charge before a job is accepted, and refunds for what
// is never screened. Declared here, where it is used, and implemented by billing
// (billing::BillingService), so jobs depends on no billing code and billing may build on jobs.
//
// One credit ($0.01) per candidate. Charges are atomic: two concurrent jobs can never overdraw
// the balance (when enforcement is on) or an agent key's daily, monthly or lifetime limit.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "model/account.h"

namespace shortlist::jobs {

struct Charge {
  std::int64_t id = 0;  // the ledger entry; 0 when nothing was charged (0 credits)
  int credits = 0;
};

class JobCharges {
 public:
  virtual ~JobCharges() = default;

  // Charges `credits` for a job about to be accepted for `caller`, in one transaction: checks
  // the caller's agent key limits (daily, monthly, lifetime; always enforced) and, when billing
  // enforcement is on, the account's balance; writes the ledger entry. Errors (the job must then
  // be refused and nothing is charged): "insufficient_credits" (HTTP 402),
  // "spend_limit_exceeded" (HTTP 402, the message names the limit), "storage".
  virtual Result<Charge> ChargeForJob(const model::Principal& caller, int credits,
                                      std::string_view description) = 0;
  // Ties a charge to the job it paid for, once the job exists.
  virtual Status AttachJob(std::int64_t charge_id, std::int64_t job_id) = 0;
  // Gives back `credits` of the job's charge (job not created, cancelled before these were
  // screened, or failed), to the balance and to the agent key's spend. `reason` goes in the
  // ledger. Refunding more than was charged is capped at the charge.
  virtual Status RefundJob(std::int64_t job_id, int credits, std::string_view reason) = 0;
  virtual Status RefundCharge(std::int64_t charge_id, std::string_view reason) = 0;
};

}  // namespace shortlist::jobs
