// How a screened candidate looks on the wire. The stored analysis (jobs/analysis.h) is shaped
// here for each surface, so both APIs show the same facts.
#pragma once

#include <nlohmann/json.hpp>

#include "model/candidate.h"

namespace shortlist::api {

// The Jobs API's results row (seeds/jobs-api-reference.txt, "Get Results"), plus the score
// breakdown and skill gaps that explain it, and `global_id` / `job_id` (the account-wide id of
// GET /api/v1/candidates/{id}).
nlohmann::json JobsApiCandidate(const model::CandidateRecord& candidate);

}  // namespace shortlist::api
