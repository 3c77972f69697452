// The Evaluate API (/v1, seeds/evaluate-api-reference.txt): synchronous /evaluate, asynchronous
// /bulk-screen with /jobs/{job_id}, and /analyze-transcript. Missing or invalid parameters answer
// 400; a resume that cannot be read answers 422 naming it.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

void AddEvaluateApiRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
