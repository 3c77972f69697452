#include "api/openapi_api.h"

namespace shortlist::api {

void AddOpenApiRoutes(http::Router* router) {
  router->Add({"GET", "/openapi.json",
               [](const http::Request&, const http::Caller*) {
                 http::Response response;
                 response.status = 200;
                 response.body = std::string(OpenApiJson());
                 response.content_type = "application/json";
                 return response;
               },
               false, ""});
}

}  // namespace shortlist::api
