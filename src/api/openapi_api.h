// GET /openapi.json: the OpenAPI document of every route the server answers, no token needed.
// The document is docs/openapi.yaml, converted to JSON at build time (tools/openapi_embed.py) and
// compiled in, so the binary reads nothing from docs/ at run time. A test checks it against the
// route table both ways (tests/integration/openapi_test.cc).
#pragma once

#include <string_view>

#include "http/router.h"

namespace shortlist::api {

// The OpenAPI 3 document as compact JSON (static storage; valid for the life of the program).
std::string_view OpenApiJson();

// Adds GET /openapi.json (unauthenticated; answers 200 application/json).
void AddOpenApiRoutes(http::Router* router);

}  // namespace shortlist::api
