// User API tokens over HTTP (/api/v1/tokens), so the dashboard (or a script holding a token) can
// issue and revoke tokens without shell access to `shortlist token`:
//   POST   /api/v1/tokens {"name"}   201 {token, token_info}: the token is shown only here
//   GET    /api/v1/tokens            the account's tokens: id, name, prefix, dates, revoked,
//                                    current (the one making the request); never a hash
//   DELETE /api/v1/tokens/{prefix}   revokes the account's live tokens with that prefix
//
// All three need a user token (route permission "user": an agent key gets 403). Tenancy: a
// prefix that names no live token of the caller's account is 404, exactly like a missing one,
// even when another account has a token with that prefix — whose token is then left alone.
// Revoking takes effect on the next request (the store bumps the credential epoch).
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

// Adds the token routes (over ctx.tokens). `ctx` must outlive the router.
void AddTokenRoutes(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
