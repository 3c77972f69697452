// What every API handler file shares: binding a handler to the context, reading a positive id,
// and finding the caller's job named by the {job_id} path parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

using ApiHandler = http::Response (*)(const ApiContext&, const http::Request&, const http::Caller&);

// A router handler that calls `fn` with `ctx` (which must outlive the router).
http::Handler Bind(const ApiContext& ctx, ApiHandler fn);

// A positive decimal id, or nullopt.
std::optional<std::int64_t> ParsePositiveId(const std::string& text);

// The caller's job named by the {job_id} path parameter. A malformed, missing or foreign id
// is the same "not_found" error ("Job not found."), so ids of other accounts cannot be probed.
Result<model::Job> FindJob(const ApiContext& ctx, const http::Request& request,
                           const http::Caller& caller);

}  // namespace shortlist::api
