// The Jobs API's candidate follow-up: compare candidates, generate an email, update a
// candidate's status and notes, and report a hiring outcome.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

void AddCandidateRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
