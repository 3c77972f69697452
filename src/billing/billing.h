// Credits and agent keys as the rest of the server sees them: the charges a job's life needs
// (jobs/job_charges.h) and authenticating an agent key. The ledger behind it is in the billing
// store; the HTTP endpoints are in api/credits_api and api/agent_keys_api.
//
// Thread-safe.
#pragma once

#include <string>

#include "common/result.h"
#include "jobs/job_charges.h"
#include "model/account.h"

namespace shortlist::billing {

using jobs::Charge;

class Billing : public jobs::JobCharges {
 public:
  // The agent key whose SHA-256 hex is `key_hash`, as a Principal (account, agent_key_id,
  // name, permissions); "not_found" for an unknown or revoked key.
  virtual Result<model::Principal> AuthenticateAgentKey(const std::string& key_hash) = 0;
};

}  // namespace shortlist::billing
