// Agent API keys (/api/v1/agent-keys, seeds/jobs-api-reference.txt "Agent Key Endpoints"):
// list, create, get, usage, update, regenerate, revoke.
//
// Managing keys needs a user token (an agent key gets 403). Another account's key answers 404
// like a missing one. Limits are dollars in JSON (null = no limit) and credits in the store.
// The key value ("sl_agent_" + 160 random bits in hex) is in the answer to create and
// regenerate only; regenerate and revoke take effect on the next request.
#pragma once

#include "api/context.h"
#include "billing/billing_service.h"
#include "http/router.h"

namespace shortlist::api {

// Adds the agent key routes. `ctx` and `billing` must outlive the router.
void AddAgentKeyRoutes(const ApiContext& ctx, billing::BillingService& billing,
                       http::Router* router);

}  // namespace shortlist::api
