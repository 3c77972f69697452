// The Jobs API (/api/v1, seeds/jobs-api-reference.txt): create and follow screening jobs, read
// ranked results, cancel, and the caller's rate-limit status.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

// Adds the Jobs API routes to `router`. `ctx` must outlive the router.
void AddJobsApiRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
