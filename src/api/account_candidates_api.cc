#include "api/account_candidates_api.h"

#include <map>

#include "api/candidate_json.h"
#include "api/handler_support.h"
#include "api/validation.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

// HireSquire's candidate statuses onto Shortlist's (docs/api.md): "pending" is a candidate no
// one has acted on yet ("new"), "interviewed" one in interviews. Shortlist's own names are
// accepted as they are.
const std::map<std::string, std::string> kStatusNames = {{"pending", "new"},
                                                         {"interviewed", "interviewing"},
                                                         {"shortlisted", "shortlisted"},
                                                         {"rejected", "rejected"},
                                                         {"offered", "offered"},
                                                         {"hired", "hired"},
                                                         {"new", "new"},
                                                         {"reviewed", "reviewed"},
                                                         {"contacted", "contacted"},
                                                         {"interviewing", "interviewing"},
                                                         {"withdrawn", "withdrawn"}};

Result<std::pair<model::Job, model::CandidateRecord>> Find(const ApiContext& ctx,
                                                           const Request& req,
                                                           const Caller& caller) {
  auto id = ParsePositiveId(req.path_params.at("candidate_id"));
  if (!id) return Error::Make("not_found", "Candidate not found.");
  return ctx.jobs->FindCandidate(caller.principal.account.id, *id);
}

Response GetCandidate(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto found = Find(ctx, req, caller);
  if (!found.ok()) return ErrorResponse(found.error());
  json out = JobsApiCandidate(found->second);
  out["job_title"] = found->first.title;
  out["success"] = true;
  return Response::Json(200, out);
}

Response SetStatus(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto found = Find(ctx, req, caller);
  if (!found.ok()) return ErrorResponse(found.error());
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto status = v.String(*body, "status", "status", true, 0, 32);
  auto mapped = status ? kStatusNames.find(*status) : kStatusNames.end();
  if (status && mapped == kStatusNames.end()) {
    v.Fail("status",
           "The selected status is invalid: use pending, shortlisted, rejected, interviewed, "
           "offered or hired.");
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto updated = ctx.jobs->UpdateCandidate(found->second, mapped->second, std::nullopt);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return Response::Json(200, {{"success", true},
                              {"message", "Candidate status updated."},
                              {"candidate", JobsApiCandidate(*updated)}});
}

}  // namespace

void AddAccountCandidateRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"GET", "/api/v1/candidates/{candidate_id}", Bind(ctx, GetCandidate), true, "read"});
  router->Add(
      {"PATCH", "/api/v1/candidates/{candidate_id}/status", Bind(ctx, SetStatus), true, "screen"});
}

}  // namespace shortlist::api
