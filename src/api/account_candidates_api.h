// Candidates by their account-wide id (jobs/candidate_ids.h), for clients that hold only a
// candidate id (HireSquire's CLI `candidate` and `set-status`, its SDK's get_candidate and
// update_candidate_status):
//   GET   /api/v1/candidates/{candidate_id}          one candidate in the results shape
//   PATCH /api/v1/candidates/{candidate_id}/status   {"status"}: HireSquire's statuses mapped
//                                                    onto ours (docs/api.md, "Official clients")
// Another account's candidate is 404, like a missing one.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

void AddAccountCandidateRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
