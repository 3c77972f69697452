// Token validation for agents (GET /api/v1/schema/validate, seeds/jobs-api-reference.txt
// "Token Validation for Agents"): is this token good, whose is it, what credit is left. It
// charges nothing and needs no permission, so any live user token or agent key may call it.
//
// And API discovery (GET /api/v1/schema, HireSquire's CLI `schema`): {version, endpoints: [{path,
// methods, description}]}, generated at request time from the server's own route table (every
// /api/v1 and /v1 route), each described by its summary in the compiled-in OpenAPI document.
#pragma once

#include "api/context.h"
#include "billing/billing_service.h"
#include "http/router.h"

namespace shortlist::api {

// `billing` may be null (no credit block then is zeros). Both must outlive the router; the
// discovery answer lists the routes `router` holds when it is asked.
void AddSchemaRoutes(const ApiContext& ctx, billing::BillingService* billing, http::Router* router);

}  // namespace shortlist::api
