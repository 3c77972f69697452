#include "web/dashboard_routes.h"

#include <string>

#include "web/assets.h"

namespace shortlist::web {

// 'self' only: the page loads nothing from elsewhere and runs no inline script or style (its
// charts are SVG elements built through the DOM, styled by classes).
const char kContentSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

namespace {

void AddSecurityHeaders(http::Response* response) {
  response->headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  response->headers.emplace_back("X-Content-Type-Options", "nosniff");
  response->headers.emplace_back("X-Frame-Options", "DENY");
  response->headers.emplace_back("Referrer-Policy", "no-referrer");
}

}  // namespace

http::Response ServeAsset(const http::Request& request, std::string_view file) {
  const Asset* asset = FindAsset(file);
  http::Response response;
  if (asset == nullptr) {
    response = http::ErrorResponse(404, "No dashboard file named '" + std::string(file) + "'.");
    AddSecurityHeaders(&response);
    return response;
  }
  // The files change only with the binary: revalidate every time (cheap with the ETag) so an
  // upgraded server never serves a page that mixes old and new modules.
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("ETag", std::string(asset->etag));
  AddSecurityHeaders(&response);
  response.content_type = std::string(asset->content_type);
  if (request.Header("if-none-match") == asset->etag) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  response.body = std::string(asset->bytes);
  return response;
}

void AddDashboardRoutes(http::Router* router) {
  router->Add({"GET", "/",
               [](const http::Request& request, const http::Caller*) {
                 return ServeAsset(request, "index.html");
               },
               false, ""});
  router->Add({"GET", "/assets/{file}",
               [](const http::Request& request, const http::Caller*) {
                 auto file = request.path_params.find("file");
                 return ServeAsset(request, file == request.path_params.end() ? "" : file->second);
               },
               false, ""});
}

}  // namespace shortlist::web
