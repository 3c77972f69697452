// What an account's reported outcomes have taught its ranking model: GET shows it, PATCH sets
// the account's outcome_weight, DELETE resets it (outcomes recorded before the reset no longer
// teach). User tokens only: the model shapes every ranking of the account.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

void AddOutcomeRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
