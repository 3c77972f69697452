// POST /api/v1/mcp: the Model Context Protocol over the Streamable HTTP transport (revision
// 2025-03-26 and later), with the tools of `shortlist mcp` (mcp/shortlist_tools.h), acting as
// the bearer token's principal. HireSquire's CLI proxies its `mcp` command here, one JSON-RPC
// message a request.
//
// Design: stateless. Each POST holds one JSON-RPC message or a batch (at most 32); a fresh
// mcp::McpServer answers it and is dropped, so no session id is issued and any server process
// may take any request. The tools reach the API in-process: their HTTP calls are parsed like
// wire requests (http::ParseRequestBytes) and routed through the same router to the same
// handlers, with the caller already authenticated (no second token check, rate-limit count or
// idempotency record; the route's permission is checked as the dispatcher does). Requests
// answer `application/json`, or `text/event-stream` (one `message` event per response) when the
// Accept header asks for the stream and not for JSON; a message that needs no answer (a
// notification) is 202 with no body. GET (a server-initiated stream) is not offered: 405.
// The tools read no server file (resumes are text), and screen_resumes waits at most 25 s
// (the CLI's HTTP timeout is 30 s), answering the job id to poll after that.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace shortlist::api {

// `ctx` and `router` must outlive the route; the tools see every route `router` holds.
void AddMcpRoute(const ApiContext& ctx, http::Router* router);

}  // namespace shortlist::api
