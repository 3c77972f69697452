// Operational endpoints, no token needed: /healthz (the process answers) and /readyz (the
// database answers too). GET /metrics, also without a token, is in metrics_api.h.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

void AddSystemRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
