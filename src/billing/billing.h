// Credits and agent keys as the rest of the server sees them: authenticate an agent key, charge
// for a job before it is accepted, refund what was not screened. The ledger behind it is in the
// billing store; the HTTP endpoints are in api/credits_api and api/agent_keys_api.
//
// One credit ($0.01) per candidate. Charges are atomic: two concurrent jobs can never overdraw
// the balance (when enforcement is on) or an agent key's daily, monthly or lifetime limit.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "model/account.h"

namespace shortlist::billing {

struct Charge {
  std::int64_t id = 0;  // the ledger entry; 0 when nothing was charged (0 credits)
  int credits = 0;
};

class Billing {
 public:
  virtual ~Billing() = default;

  // The agent key whose SHA-256 hex is `key_hash`, as a Principal (account, agent_key_id,
  // name, permissions); "not_found" for an unknown or revoked key.
  virtual Result<model::Principal> AuthenticateAgentKey(const std::string& key_hash) = 0;

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

}  // namespace shortlist::billing
