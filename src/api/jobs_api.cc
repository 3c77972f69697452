#include "api/jobs_api.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "api/candidate_json.h"
#include "api/handler_support.h"
#include "api/validation.h"
#include "common/clock.h"
#include "common/json_writer.h"
#include "http/multipart.h"
#include "jobs/pool_overview.h"
#include "jobs/zip_resumes.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kMaxJobsPerBulk = 10;
constexpr int kResultsPerPage = 50;
const char* const kWebhookEvents[] = {"job.processing", "job.completed", "job.failed",
                                      "high_score_detected"};

// The status a Jobs API client sees: a queued job is already "processing" for it.
std::string PublicStatus(model::JobStatus s) {
  return s == model::JobStatus::kQueued ? "processing" : std::string(model::ToString(s));
}

void ValidateWebhookConditions(const json& body, const std::string& at, int max_resumes,
                               Validator* v) {
  auto it = body.find("webhook_conditions");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_object()) {
    v->Fail(at + "webhook_conditions", "The webhook_conditions field must be an object.");
    return;
  }
  v->Integer(*it, "min_score", at + "webhook_conditions.min_score", false, 0, 100);
  v->Integer(*it, "only_top_n", at + "webhook_conditions.only_top_n", false, 1, max_resumes);
  auto events = it->find("events");
  if (events != it->end() && !events->is_null()) {
    if (!events->is_array()) {
      v->Fail(at + "webhook_conditions.events",
              "The webhook_conditions.events field must be an array.");
      return;
    }
    for (std::size_t i = 0; i < events->size(); ++i) {
      const json& e = (*events)[i];
      bool known =
          e.is_string() && std::any_of(std::begin(kWebhookEvents), std::end(kWebhookEvents),
                                       [&](const char* n) { return e == n; });
      if (!known) {
        v->Fail(at + "webhook_conditions.events." + std::to_string(i),
                "The selected webhook_conditions.events." + std::to_string(i) +
                    " is invalid: use job.processing, job.completed, job.failed or "
                    "high_score_detected.");
      }
    }
  }
}

// Validates a job body per the reference's table; fills `job` when valid. Error paths start
// with `at` ("" for POST /jobs, "jobs.2." for the third job of POST /jobs/bulk). A job holds at
// most `max_resumes` (serve --max-resumes-per-job).
void ValidateJob(json& body, const std::string& at, int max_resumes, Validator* v,
                 model::NewJob* job) {
  auto title = v->String(body, "title", at + "title", true, 0, 255);
  auto description = v->String(body, "description", at + "description", true, 50, 0);
  auto leniency = v->Integer(body, "leniency_level", at + "leniency_level", false, 1, 10);
  auto webhook = v->Url(body, "webhook_url", at + "webhook_url", false);
  ValidateWebhookConditions(body, at, max_resumes, v);
  auto resumes = body.find("resumes");
  if (resumes == body.end() || resumes->is_null()) {
    v->Fail(at + "resumes", "The resumes field is required.");
  } else if (!resumes->is_array()) {
    v->Fail(at + "resumes", "The resumes field must be an array.");
  } else if (resumes->empty()) {
    v->Fail(at + "resumes", "The resumes field must have at least 1 item.");
  } else if (resumes->size() > static_cast<std::size_t>(max_resumes)) {
    v->Fail(at + "resumes",
            "The resumes field must not have more than " + std::to_string(max_resumes) + " items.");
  } else {
    for (std::size_t i = 0; i < resumes->size(); ++i) {
      json& r = (*resumes)[i];
      const std::string p = at + "resumes." + std::to_string(i);
      if (!r.is_object()) {
        v->Fail(p, "The " + p + " field must be an object.");
        continue;
      }
      // Looked at before ResumeText moves the texts out of `r`.
      const bool given = [&] {
        for (const char* k : {"content", "base64", "file_url"}) {
          auto f = r.find(k);
          if (f != r.end() && !f->is_null() &&
              !(f->is_string() && f->get_ref<const std::string&>().empty())) {
            return true;
          }
        }
        return false;
      }();
      model::ResumeInput in;
      auto filename = v->String(r, "filename", p + ".filename", true, 0, 255);
      auto content = v->ResumeText(r, "content", p + ".content", 50, /*base64=*/false);
      auto base64 = v->ResumeText(r, "base64", p + ".base64", 0, /*base64=*/true);
      auto file_url = v->Url(r, "file_url", p + ".file_url", false);
      if (!given) {
        v->Fail(p + ".content", "The " + p +
                                    ".content field is required when none of base64 / file_url are "
                                    "present.");
      }
      if (filename) in.filename = *filename;
      if (content) in.content = std::move(*content);
      if (base64) in.base64 = std::move(*base64);
      if (file_url) in.file_url = *file_url;
      job->resumes.push_back(std::move(in));
    }
  }
  if (title) job->title = *title;
  if (description) job->description = *description;
  job->leniency_level = static_cast<int>(leniency.value_or(5));
  if (webhook) job->webhook_url = *webhook;
  auto conditions = body.find("webhook_conditions");
  if (conditions != body.end() && conditions->is_object()) {
    job->webhook_conditions_json = conditions->dump();
  }
}

// Writes a job's status fields (the members of the reference's "Get Job Status" object) into an
// open JSON object. Hot: polled by every client, so written directly rather than via a tree.
// A list row (`list_row`) also carries `id` and `total_candidates`, the names HireSquire's CLI
// reads in a job list.
void WriteJobStatus(const ApiContext& ctx, const Request& req, const jobs::JobStatusView& view,
                    bool list_row, JsonWriter* w) {
  const model::Job& job = view.job;
  const model::JobSummary& s = view.summary;
  if (list_row) w->Field("id", job.id).Field("total_candidates", job.candidate_count);
  w->Field("job_id", job.id)
      .Field("title", job.title)
      .Field("status", PublicStatus(job.status))
      .Field("leniency_level", job.leniency_level)
      .Field("created_at", FormatIso8601(job.created_at_ms))
      .Field("candidate_count", job.candidate_count)
      .Field("processed_count", job.processed_count)
      .Field("progress", jobs::ProgressPercent(job))
      .Field("estimated_completion", FormatIso8601(view.estimated_completion_ms));
  if (model::IsFinal(job.status)) {
    w->Field("completed_at", FormatIso8601(job.completed_at_ms));
  } else {
    w->Key("completed_at").Null();
  }
  w->Key("summary")
      .BeginObject()
      .Field("total_candidates", job.candidate_count)
      .Field("qualified_count", s.qualified_count)
      .Field("top_score", s.top_score)
      .Field("average_score", std::round(s.average_score * 10) / 10)
      .EndObject();
  if (job.status == model::JobStatus::kCompleted) {
    w->Field("results_url",
             BaseUrl(ctx, req) + "/api/v1/jobs/" + std::to_string(job.id) + "/results");
  } else {
    w->Key("results_url").Null();
  }
  if (!job.error.empty()) w->Field("error", job.error);
}

Response JsonText(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// Submits a validated job and answers 202 as the reference's "Create Screening Job" does.
Response Accept(const ApiContext& ctx, const Request& req, const Caller& caller,
                const model::NewJob& job) {
  auto created = ctx.jobs->Submit(caller.principal, job, "");
  if (!created.ok()) return ErrorResponse(created.error());
  const std::string base = BaseUrl(ctx, req) + "/api/v1/jobs/" + std::to_string(created->id);
  return Response::Json(202, {{"success", true},
                              {"message", "Job accepted for processing."},
                              {"job_id", created->id},
                              {"status_url", base},
                              {"results_url", base + "/results"},
                              {"status", "processing"}});
}

Response CreateJob(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  model::NewJob job;
  job.account_id = caller.principal.account.id;
  job.surface = model::JobSurface::kJobs;
  ValidateJob(*body, "", ctx.max_resumes_per_job, &v, &job);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  return Accept(ctx, req, caller, job);
}

// POST /api/v1/jobs/upload-zip (HireSquire's `screen -z`, its SDK's create_screening_job_from_
// zip): multipart/form-data with the job's fields and `zip_file`, whose files become the
// resumes (jobs/zip_resumes.h) as `base64` resumes; then exactly POST /jobs.
Response UploadZip(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto boundary = http::MultipartBoundary(req.Header("content-type"));
  if (!boundary.ok()) {
    return ErrorResponse(422, "Send the job as multipart/form-data with a zip_file.",
                         {{"body", {boundary.error().message}}});
  }
  http::MultipartLimits limits;
  limits.max_parts = 16;
  limits.max_file_bytes = req.body.size();  // the server's body cap already bounds it
  auto parts = http::ParseMultipart(req.body, *boundary, limits);
  if (!parts.ok()) {
    return ErrorResponse(422, "The multipart/form-data body cannot be read.",
                         {{"body", {parts.error().message}}});
  }
  json body = json::object();
  for (const char* field : {"title", "description", "leniency_level", "webhook_url"}) {
    const http::MultipartPart* part = http::FindPart(*parts, field);
    if (part == nullptr || part->filename) continue;
    body[field] = std::string(part->body);
  }
  if (body.contains("leniency_level")) {  // a form field is text: "7" is the integer 7
    const std::string text = body["leniency_level"];
    if (auto n = ParsePositiveId(text); n && *n <= 1000) body["leniency_level"] = *n;
  }
  std::optional<std::string> zip_error;
  const http::MultipartPart* zip = http::FindPart(*parts, "zip_file");
  if (zip == nullptr || !zip->filename) {
    zip_error = "The zip_file field is required: a ZIP archive of resume files.";
  } else if (auto resumes = jobs::ResumesFromZip(zip->body, *ctx.extractor, *zip->filename);
             !resumes.ok()) {
    zip_error = resumes.error().message;
  } else {
    body["resumes"] = json::array();
    for (auto& r : *resumes) {
      body["resumes"].push_back({{"filename", r.filename}, {"base64", std::move(r.base64)}});
    }
  }
  Validator v;
  model::NewJob job;
  job.account_id = caller.principal.account.id;
  job.surface = model::JobSurface::kJobs;
  ValidateJob(body, "", ctx.max_resumes_per_job, &v, &job);
  http::FieldErrors errors = v.errors();
  if (zip_error) {
    errors.erase("resumes");  // said better on zip_file
    errors["zip_file"].push_back(*zip_error);
  }
  if (!errors.empty()) return ErrorResponse(422, "The given data was invalid.", errors);
  return Accept(ctx, req, caller, job);
}

// POST /api/v1/jobs/bulk: up to 10 jobs. Validation is all or nothing (422 with errors keyed
// "jobs.N.field"), so a typo never leaves half a batch queued. Valid jobs are then accepted in
// order, each paid for alone: when credits run out part-way, the jobs before stand and the
// rest carry their error in `jobs[N].error` (all refused: the first job's error status).
Response CreateJobsInBulk(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 422, &error);
  if (!body) return error;
  Validator v;
  std::vector<model::NewJob> jobs;
  auto list = body->find("jobs");
  if (list == body->end() || list->is_null()) {
    v.Fail("jobs", "The jobs field is required.");
  } else if (!list->is_array()) {
    v.Fail("jobs", "The jobs field must be an array.");
  } else if (list->empty()) {
    v.Fail("jobs", "The jobs field must have at least 1 item.");
  } else if (list->size() > kMaxJobsPerBulk) {
    v.Fail("jobs",
           "The jobs field must not have more than " + std::to_string(kMaxJobsPerBulk) + " items.");
  } else {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = "jobs." + std::to_string(i);
      if (!(*list)[i].is_object()) {
        v.Fail(at, "The " + at + " field must be an object.");
        continue;
      }
      model::NewJob job;
      job.account_id = caller.principal.account.id;
      job.surface = model::JobSurface::kJobs;
      ValidateJob((*list)[i], at + ".", ctx.max_resumes_per_job, &v, &job);
      jobs.push_back(std::move(job));
    }
  }
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());

  const std::string base = BaseUrl(ctx, req) + "/api/v1/jobs/";
  json results = json::array();
  json job_ids = json::array();
  std::optional<Error> first_error;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    auto created = ctx.jobs->Submit(caller.principal, jobs[i], "");
    if (!created.ok()) {
      if (!first_error) first_error = created.error();
      results.push_back({{"index", i},
                         {"title", jobs[i].title},
                         {"status", "rejected"},
                         {"error", created.error().message}});
      continue;
    }
    const std::string url = base + std::to_string(created->id);
    job_ids.push_back(created->id);
    results.push_back({{"index", i},
                       {"title", jobs[i].title},
                       {"job_id", created->id},
                       {"status", "processing"},
                       {"status_url", url},
                       {"results_url", url + "/results"}});
  }
  if (job_ids.empty() && first_error) return ErrorResponse(*first_error);
  return Response::Json(
      202, {{"success", true},
            {"message", std::to_string(job_ids.size()) + " of " + std::to_string(jobs.size()) +
                            " jobs accepted for processing."},
            {"job_ids", job_ids},
            {"jobs", results}});
}

Response GetJob(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto id = ParsePositiveId(req.path_params.at("job_id"));
  if (!id) return ErrorResponse(404, "Job not found.");
  auto found = ctx.jobs->View(caller.principal.account.id, *id);
  if (!found.ok()) return ErrorResponse(found.error());
  JsonWriter w;
  w.BeginObject().Field("success", true);
  WriteJobStatus(ctx, req, *found, false, &w);
  w.EndObject();
  return JsonText(200, w.Take());
}

Response GetResults(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto job = FindJob(ctx, req, caller);
  if (!job.ok()) return ErrorResponse(job.error());
  Validator v;
  auto min_score = QueryInteger(req, "min_score", 0, 100, &v);
  auto top_n = QueryInteger(req, "only_top_n", 1, 1000000, &v);
  auto page = QueryInteger(req, "page", 1, 1000000, &v);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  if (!model::IsFinal(job->status)) {
    Response r =
        ErrorResponse(425, "Job is still processing; poll its status_url until it is completed.");
    return r;
  }
  model::CandidateFilter filter;
  filter.min_score = static_cast<int>(min_score.value_or(0));
  filter.only_top_n = static_cast<int>(top_n.value_or(0));
  filter.limit = kResultsPerPage;
  filter.offset = static_cast<int>((page.value_or(1) - 1) * kResultsPerPage);
  auto page_of = ctx.jobs->Candidates(*job, filter);
  if (!page_of.ok()) return ErrorResponse(page_of.error());
  const int matching = page_of->total;
  json rows = json::array();
  for (const auto& c : page_of->candidates) rows.push_back(JobsApiCandidate(c));
  auto overview = ctx.jobs->PoolOverview(*job);
  if (!overview.ok()) return ErrorResponse(overview.error());
  // total_candidates is the job's count (the reference's example); filtered_count what the
  // filters kept, which the pages cover.
  return Response::Json(
      200, {{"success", true},
            {"job_id", job->id},
            {"title", job->title},
            {"job_title", job->title},
            {"status", PublicStatus(job->status)},
            {"screened_at",
             job->completed_at_ms ? json(FormatIso8601(job->completed_at_ms)) : json(nullptr)},
            {"total_candidates", job->candidate_count},
            {"filtered_count", matching},
            {"agent_summary", *overview},
            {"per_page", kResultsPerPage},
            {"current_page", page.value_or(1)},
            {"last_page", std::max(1, (matching + kResultsPerPage - 1) / kResultsPerPage)},
            {"candidates", rows}});
}

Response ListJobs(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Validator v;
  jobs::JobListQuery query;
  query.surface = model::JobSurface::kJobs;
  if (auto status = req.Query("status"); status && !status->empty()) {
    if (*status == "processing") {
      // A client's "processing" covers queued jobs too.
      query.statuses = {model::JobStatus::kQueued, model::JobStatus::kProcessing};
    } else if (*status == "pending") {
      // HireSquire's CLI: jobs no worker has started yet (shown as "processing").
      query.statuses = {model::JobStatus::kQueued};
    } else if (auto s = model::ParseJobStatus(*status); s && *s != model::JobStatus::kQueued) {
      query.statuses = {*s};
    } else {
      v.Fail("status",
             "The selected status is invalid: use processing, pending, completed, failed or "
             "cancelled.");
    }
  }
  if (auto since = req.Query("since"); since && !since->empty()) {
    std::int64_t ms = 0;
    if (!ParseIso8601(*since, &ms)) {
      v.Fail("since",
             "The since parameter must be a date such as 2026-03-28 or 2026-03-28T10:00:00Z.");
    }
    query.created_after_ms = ms;
  }
  auto limit = QueryInteger(req, "limit", 1, 100, &v);
  auto per_page = QueryInteger(req, "per_page", 1, 100, &v);  // HireSquire's CLI: limit's alias
  auto page = QueryInteger(req, "page", 1, 1000000, &v);
  if (!v.ok()) return ErrorResponse(422, "The given data was invalid.", v.errors());
  query.limit = static_cast<int>(limit.value_or(per_page.value_or(20)));
  query.offset = static_cast<int>((page.value_or(1) - 1) * query.limit);
  auto listed = ctx.jobs->List(caller.principal.account.id, query);
  if (!listed.ok()) return ErrorResponse(listed.error());
  JsonWriter w;
  w.BeginObject().Field("success", true).Key("jobs").BeginArray();
  for (const auto& view : listed->jobs) {
    w.BeginObject();
    WriteJobStatus(ctx, req, view, true, &w);
    w.EndObject();
  }
  const int total = listed->total;
  w.EndArray()
      .Field("total", total)
      .Field("per_page", query.limit)
      .Field("page", static_cast<std::int64_t>(page.value_or(1)))
      .Field("current_page", static_cast<std::int64_t>(page.value_or(1)))
      .Field("last_page", std::max(1, (total + query.limit - 1) / query.limit))
      .EndObject();
  return JsonText(200, w.Take());
}

Response CancelJob(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto id = ParsePositiveId(req.path_params.at("job_id"));
  if (!id) return ErrorResponse(404, "Job not found.");
  auto job = ctx.jobs->Cancel(caller.principal.account.id, *id);
  if (!job.ok()) return ErrorResponse(job.error());
  return Response::Json(200, {{"success", true},
                              {"job_id", job->id},
                              {"status", "cancelled"},
                              {"message", "Job has been cancelled."}});
}

Response RateLimitStatus(const ApiContext& ctx, const Request&, const Caller& caller) {
  http::RateDecision d =
      ctx.rate_limiter->Peek(caller.principal.RateKey(), caller.principal.account.plan);
  std::int64_t now = ctx.clock->NowMillis();
  json out = {{"success", true},
              {"plan", std::string(model::ToString(caller.principal.account.plan))},
              {"reset_at", FormatIso8601(d.reset_at_ms)},
              {"reset_in_seconds", (d.reset_at_ms - now + 999) / 1000}};
  if (d.unlimited) {
    out["limit"] = nullptr;
    out["remaining"] = nullptr;
    out["unlimited"] = true;
  } else {
    out["limit"] = d.limit;
    out["remaining"] = d.remaining;
    out["unlimited"] = false;
  }
  return Response::Json(200, out);
}

}  // namespace

void AddJobsApiRoutes(const ApiContext& ctx, http::Router* router) {
  router->Add({"POST", "/api/v1/jobs", Bind(ctx, CreateJob), true, "screen"});
  router->Add({"POST", "/api/v1/jobs/bulk", Bind(ctx, CreateJobsInBulk), true, "screen"});
  // Slow: unpacking the archive in an extract worker and encoding up to 50 MiB of resumes is
  // kept off the I/O threads.
  router->Add({"POST", "/api/v1/jobs/upload-zip", Bind(ctx, UploadZip), true, "screen", true});
  router->Add({"GET", "/api/v1/jobs", Bind(ctx, ListJobs), true, "read"});
  router->Add({"GET", "/api/v1/jobs/{job_id}", Bind(ctx, GetJob), true, "read"});
  router->Add({"GET", "/api/v1/jobs/{job_id}/results", Bind(ctx, GetResults), true, "read"});
  router->Add({"POST", "/api/v1/jobs/{job_id}/cancel", Bind(ctx, CancelJob), true, "screen"});
  router->Add({"GET", "/api/v1/rate-limit", Bind(ctx, RateLimitStatus), true, "read"});
}

}  // namespace shortlist::api
