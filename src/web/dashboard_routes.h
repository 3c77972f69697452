// The web dashboard's routes: GET / (index.html) and GET /assets/{file} (the other files of
// web/), without a token — the page itself signs in with one and calls the JSON API.
//
// Every answer carries a strict Content-Security-Policy (scripts, styles and fetches from this
// origin only, no inline script, no framing), X-Content-Type-Options: nosniff and
// Cache-Control: no-cache with an ETag, so a browser revalidates (304) and never runs a stale
// UI against a newer server. An unknown file is 404.
#pragma once

#include "http/message.h"
#include "http/router.h"

namespace shortlist::web {

// The Content-Security-Policy value every dashboard answer carries.
extern const char kContentSecurityPolicy[];

// The answer for GET of the embedded file `file` ("index.html", "app.js"), honouring the
// request's If-None-Match. Pure: tests call it without a server.
http::Response ServeAsset(const http::Request& request, std::string_view file);

// Adds GET / and GET /assets/{file}. They need no token.
void AddDashboardRoutes(http::Router* router);

}  // namespace shortlist::web
