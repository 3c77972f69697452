#include "api/outcomes_api.h"

#include "api/handler_support.h"
#include "api/validation.h"
#include "common/clock.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kShownFeatures = 20;

json ModelJson(const jobs::OutcomeModelSummary& s) {
  json features = json::array();
  if (s.model) {
    for (const auto& f : s.model->Top(kShownFeatures)) {
      features.push_back({{"feature", f.feature},
                          {"description", f.description},
                          {"weight", f.weight},
                          {"favours", f.weight > 0 ? "hired" : "rejected"}});
    }
  }
  return {{"success", true},
          {"trained", s.model.has_value()},
          {"outcomes", {{"hired", s.hired}, {"rejected", s.rejected}, {"ignored", s.ignored}}},
          {"min_outcomes", jobs::OutcomeModel::kMinOutcomes},
          {"outcome_weight", s.settings.outcome_weight},
          {"max_points", jobs::OutcomeModel::kMaxPoints * s.settings.outcome_weight},
          {"reset_at",
           s.settings.reset_at_ms > 0 ? json(FormatIso8601(s.settings.reset_at_ms)) : json()},
          {"features", std::move(features)}};
}

Response Show(const ApiContext& ctx, const Request&, const Caller& caller) {
  auto summary = ctx.jobs->OutcomeModelOf(caller.principal.account.id);
  if (!summary.ok()) return ErrorResponse(summary.error());
  return Response::Json(200, ModelJson(*summary));
}

Response Update(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  auto it = body->find("outcome_weight");
  if (it == body->end() || !it->is_number() || !(it->get<double>() >= 0) ||
      it->get<double>() > model::kMaxOutcomeWeight) {
    return ErrorResponse(422, "The given data was invalid.",
                         {{"outcome_weight",
                           {"The outcome_weight must be a number from 0 (off) to 3; 1 keeps the "
                            "learned contribution within 10 points."}}});
  }
  Status set = ctx.jobs->SetOutcomeWeight(caller.principal.account.id, it->get<double>());
  if (!set.ok()) return ErrorResponse(set.error());
  return Show(ctx, req, caller);
}

Response Reset(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Status reset = ctx.jobs->ResetOutcomeModel(caller.principal.account.id);
  if (!reset.ok()) return ErrorResponse(reset.error());
  return Show(ctx, req, caller);
}

}  // namespace

void AddOutcomeRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"GET", "/api/v1/outcomes/model", Bind(ctx, Show), true, "user"});
  router->Add({"PATCH", "/api/v1/outcomes/model", Bind(ctx, Update), true, "user"});
  router->Add({"DELETE", "/api/v1/outcomes/model", Bind(ctx, Reset), true, "user"});
}

}  // namespace shortlist::api
