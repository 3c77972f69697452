#include "api/candidates_api.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "api/candidate_json.h"
#include "api/handler_support.h"
#include "api/validation.h"
#include "common/clock.h"
#include "generate/email.h"
#include "jobs/analysis.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kMaxCompared = 20;
// A per-job id (1-based position) or an account-wide global id (jobs/candidate_ids.h).
constexpr std::int64_t kMaxCandidateId = INT64_MAX / 2;
const std::set<std::string> kCandidateStatuses = {"new",       "reviewed",     "shortlisted",
                                                  "contacted", "interviewing", "offered",
                                                  "hired",     "rejected",     "withdrawn"};
const std::set<std::string> kOutcomes = {"hired", "rejected", "withdrawn"};

std::string DisplayName(const model::CandidateRecord& c) {
  return c.name.empty() ? "Candidate " + std::to_string(c.index + 1) : c.name;
}

// The `ids` query of Compare: distinct ids in the order given; failures go to `*errors`.
std::vector<std::int64_t> CompareIds(const Request& req, http::FieldErrors* errors_out) {
  http::FieldErrors& errors = *errors_out;
  std::string ids_text = req.Query("ids").value_or("");
  std::vector<std::int64_t> ids;
  std::size_t start = 0;
  while (start < ids_text.size()) {
    std::size_t comma = ids_text.find(',', start);
    if (comma == std::string::npos) comma = ids_text.size();
    std::string part = ids_text.substr(start, comma - start);
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (part.empty() || ec != std::errc() || ptr != part.data() + part.size()) {
      errors["ids"].push_back("The ids parameter must be a comma-separated list of candidate ids.");
      break;
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    start = comma + 1;
  }
  if (errors.empty() && ids.empty()) errors["ids"].push_back("The ids parameter is required.");
  if (ids.size() > kMaxCompared) {
    errors["ids"].push_back("At most " + std::to_string(kMaxCompared) +
                            " candidates can be compared.");
  }
  return ids;
}

Response Compare(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto job = FindJob(ctx, req, caller);
  if (!job.ok()) return ErrorResponse(job.error());
  http::FieldErrors errors;
  const std::vector<std::int64_t> ids = CompareIds(req, &errors);
  if (!errors.empty()) return ErrorResponse(422, "The given data was invalid.", errors);

  std::vector<model::CandidateRecord> rows;
  for (std::int64_t id : ids) {
    auto c = ctx.jobs->Candidate(*job, id);
    if (!c.ok()) return ErrorResponse(c.error());
    rows.push_back(std::move(c).value());
  }
  std::stable_sort(rows.begin(), rows.end(), model::RanksAbove);

  // Feature by feature: each named score feature's points per candidate, and who leads on it.
  std::vector<std::string> feature_order;
  std::map<std::string, std::pair<std::string, json>> features;  // name -> (explanation, points)
  json candidates = json::array();
  for (const auto& c : rows) {
    const jobs::CandidateAnalysis a =
        jobs::ParseAnalysis(c.analysis_json).value_or(jobs::CandidateAnalysis{});
    json matched = json::array(), missing = json::array();
    for (const auto& m : a.evaluation.matched_skills) matched.push_back(m.skill);
    for (const auto& m : a.evaluation.missing_skills) missing.push_back(m.skill);
    json row = JobsApiCandidate(c);
    candidates.push_back({{"id", c.index + 1},
                          {"name", DisplayName(c)},
                          {"score", c.score},
                          {"summary", row["summary"]},
                          {"matched_skills", matched},
                          {"missing_skills", missing},
                          {"experience_years_relevant", a.evaluation.experience_years_relevant},
                          {"strengths", row["strengths"]},
                          {"weaknesses", row["weaknesses"]}});
    for (const auto& f : a.evaluation.breakdown) {
      if (!features.count(f.name)) {
        feature_order.push_back(f.name);
        features[f.name] = {f.explanation, json::object()};
      }
      features[f.name].second[std::to_string(c.index + 1)] = f.points;
    }
  }
  json comparison = json::array();
  for (const auto& name : feature_order) {
    json& points = features[name].second;
    for (const auto& c : rows) {  // a feature a candidate's breakdown lacks added nothing
      std::string id = std::to_string(c.index + 1);
      if (!points.contains(id)) points[id] = 0.0;
    }
    std::string leader;
    double best = -1e18;
    for (const auto& [id, p] : points.items()) {
      if (p.get<double>() > best) {
        best = p.get<double>();
        leader = id;
      }
    }
    comparison.push_back({{"feature", name}, {"points", points}, {"leader_id", std::stoi(leader)}});
  }
  const int score_range = rows.front().score - rows.back().score;
  return Response::Json(
      200, {{"success", true},
            {"job_id", job->id},
            {"compared_count", rows.size()},
            {"top_candidate", DisplayName(rows.front())},
            {"top_score", rows.front().score},
            {"score_range", score_range},
            {"candidates", candidates},
            {"feature_comparison", comparison},
            // HireSquire's CLI reads these two here.
            {"comparison",
             {{"top_candidate", DisplayName(rows.front())}, {"score_diff", score_range}}}});
}

Response GenerateEmail(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto job = FindJob(ctx, req, caller);
  if (!job.ok()) return ErrorResponse(job.error());
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto candidate_id = v.Integer(*body, "candidate_id", "candidate_id", true, 1, kMaxCandidateId);
  auto type_text = v.String(*body, "type", "type", true, 0, 32);
  auto tone_text = v.String(*body, "tone", "tone", false, 0, 32);
  // HireSquire's CLI sends its -m text as custom_message: the same thing as custom_notes.
  const char* notes_key = body->contains("custom_notes") && !(*body)["custom_notes"].is_null()
                              ? "custom_notes"
                              : "custom_message";
  auto notes = v.String(*body, notes_key, notes_key, false, 0, 2000);
  auto company = v.String(*body, "company_name", "company_name", false, 0, 255);
  generate::EmailRequest request;
  if (type_text) {
    auto t = generate::ParseEmailType(*type_text);
    if (t.ok())
      request.type = *t;
    else
      v.Fail("type", t.error().message);
  }
  if (tone_text) {
    auto t = generate::ParseEmailTone(*tone_text);
    if (t.ok())
      request.tone = *t;
    else
      v.Fail("tone", t.error().message);
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto candidate = ctx.jobs->Candidate(*job, *candidate_id);
  if (!candidate.ok()) return ErrorResponse(candidate.error());
  request.custom_notes = notes.value_or("");
  request.company_name = company.value_or("");
  request.job_title = job->title;
  jobs::CandidateAnalysis a =
      jobs::ParseAnalysis(candidate->analysis_json).value_or(jobs::CandidateAnalysis{});
  if (a.profile.contact.name.empty()) a.profile.contact.name = candidate->name;
  engine::JobRequirements requirements =
      ctx.jobs->screener().engine().AnalyzeJob(job->title, job->description);
  generate::Email email = generate::WriteEmail(requirements, a.profile, a.evaluation, request);
  const std::string type(generate::ToString(request.type));
  return Response::Json(200, {{"success", true},
                              {"candidate_id", *candidate_id},
                              {"candidate_name", DisplayName(*candidate)},
                              {"email",
                               {{"subject", email.subject},
                                {"body", email.body},
                                {"type", type},
                                {"tone", std::string(generate::ToString(request.tone))}}},
                              // HireSquire's CLI reads the draft at the top level.
                              {"email_type", type},
                              {"subject", email.subject},
                              {"body", email.body},
                              {"generated_at", FormatIso8601(ctx.clock->NowMillis())}});
}

Response UpdateCandidate(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto job = FindJob(ctx, req, caller);
  if (!job.ok()) return ErrorResponse(job.error());
  std::int64_t cid = ParsePositiveId(req.path_params.at("candidate_id")).value_or(0);
  auto existing = ctx.jobs->Candidate(*job, cid);
  if (!existing.ok()) return ErrorResponse(existing.error());
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto status = v.String(*body, "status", "status", false, 0, 32);
  auto notes = v.String(*body, "user_notes", "user_notes", false, 0, 10'000);
  if (status && !kCandidateStatuses.count(*status)) {
    v.Fail("status",
           "The selected status is invalid: use new, reviewed, shortlisted, contacted, "
           "interviewing, offered, hired, rejected or withdrawn.");
    status.reset();
  }
  if (v.ok() && !status && !notes && !(body->contains("user_notes"))) {
    v.Fail("status", "Send status and/or user_notes.");
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  if (!notes && body->contains("user_notes")) notes = "";  // null or "" clears the notes
  auto updated = ctx.jobs->UpdateCandidate(*existing, status, notes);
  if (!updated.ok()) return ErrorResponse(updated.error());
  json row = JobsApiCandidate(*updated);
  return Response::Json(200, {{"success", true}, {"candidate", row}});
}

Response ReportOutcome(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto job = FindJob(ctx, req, caller);
  if (!job.ok()) return ErrorResponse(job.error());
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  auto candidate_id = v.Integer(*body, "candidate_id", "candidate_id", true, 1, kMaxCandidateId);
  auto outcome = v.String(*body, "outcome", "outcome", true, 0, 32);
  if (outcome && !kOutcomes.count(*outcome)) {
    v.Fail("outcome", "The selected outcome is invalid: use hired, rejected or withdrawn.");
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  auto candidate = ctx.jobs->Candidate(*job, *candidate_id);
  if (!candidate.ok()) return ErrorResponse(candidate.error());
  Status recorded = ctx.jobs->RecordOutcome(caller.principal.account.id, *candidate, *outcome);
  if (!recorded.ok()) return ErrorResponse(recorded.error());
  return Response::Json(200, {{"success", true}, {"message", "Outcome recorded successfully."}});
}

}  // namespace

void AddCandidateRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"GET", "/api/v1/jobs/{job_id}/compare", Bind(ctx, Compare), true, "read"});
  router->Add(
      {"POST", "/api/v1/jobs/{job_id}/generate-email", Bind(ctx, GenerateEmail), true, "email"});
  router->Add({"PATCH", "/api/v1/jobs/{job_id}/candidates/{candidate_id}",
               Bind(ctx, UpdateCandidate), true, "screen"});
  router->Add({"POST", "/api/v1/jobs/{job_id}/outcome", Bind(ctx, ReportOutcome), true, "screen"});
}

}  // namespace shortlist::api
