#include "api/system_api.h"

namespace shortlist::api {

void AddSystemRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"GET", "/healthz",
               [](const http::Request&, const http::Caller*) {
                 return http::Response::Json(200, {{"status", "ok"}});
               },
               false, ""});
  router->Add(
      {"GET", "/readyz",
       [&ctx](const http::Request&, const http::Caller*) {
         auto pending = ctx.jobs->QueueDepth();
         if (!pending.ok()) {
           return http::Response::Json(
               503, {{"status", "unavailable"}, {"error", "the database does not answer"}});
         }
         return http::Response::Json(200, {{"status", "ready"}, {"queued_resumes", *pending}});
       },
       false, ""});
}

}  // namespace shortlist::api
