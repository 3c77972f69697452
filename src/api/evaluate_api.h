// The Evaluate API (/v1, seeds/evaluate-api-reference.txt): synchronous /evaluate, asynchronous
// /bulk-screen with /jobs/{job_id}, and /analyze-transcript. Missing or invalid parameters answer
// 400; a resume that cannot be read answers 422 naming it.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"
#include "http/router.h"
#include "model/job.h"

namespace shortlist::api {

void AddEvaluateApiRoutes(const ApiContext& ctx, http::Router* router);

// The body of a /bulk-screen job's webhook: its GET /v1/jobs/{job_id} answer, as the reference
// says ("The payload is identical to the GET /jobs/{job_id} response"); nullopt when it cannot
// be read. Thread-safe (workers call it through webhooks::JobEventPublisher).
std::optional<std::string> BulkScreenWebhookBody(const ApiContext& ctx, const model::Job& job);

}  // namespace shortlist::api
