#include "api/evaluate_api.h"

#include <algorithm>
#include <cmath>

#include "api/handler_support.h"
#include "api/validation.h"
#include "common/clock.h"
#include "common/json_parse.h"
#include "generate/boolean_search.h"
#include "interview/interview.h"
#include "jobs/analysis.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::ErrorResponse;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kMaxEvaluateResumes = 100;
constexpr int kMaxBulkResumes = 1000;
constexpr std::size_t kMaxTranscriptChars = 500'000;

// Resumes per /bulk-screen call by plan (the reference's table: Starter 10, Pro 100,
// Enterprise unlimited, which SPEC caps at 1000; Standard, absent there, sits between). The
// plans' caps are the reference's product; the server's --max-resumes-per-job only raises the
// top one (the reference's "unlimited"), so its default of 100, the Jobs API's limit, never
// lowers this surface's 1000.
std::size_t BulkResumeCap(model::Plan plan, int max_resumes_per_job) {
  switch (plan) {
    case model::Plan::kStarter:
      return 10;
    case model::Plan::kStandard:
      return 50;
    case model::Plan::kPro:
      return 100;
    case model::Plan::kEnterprise:
      return std::max<std::size_t>(kMaxBulkResumes, static_cast<std::size_t>(max_resumes_per_job));
  }
  return 10;
}

struct EvaluateOptions {
  bool questions = true;
  bool boolean_string = true;
  bool outreach = true;
};

double Round(double v, double unit) { return std::round(v / unit) * unit; }

// The reference's candidate shape, from a stored candidate.
json EvaluateCandidate(const model::CandidateRecord& c, int rank, const std::string& boolean_string,
                       const EvaluateOptions& options) {
  // A resume that could not be read has no analysis: its lists are empty and its numbers 0.
  const std::optional<jobs::CandidateAnalysis> a = jobs::ParseAnalysis(c.analysis_json);
  const engine::Evaluation evaluation = a ? a->evaluation : engine::Evaluation{};
  const generate::CandidateWriteup writeup = a ? a->writeup : generate::CandidateWriteup{};
  json matched = json::array(), missing = json::array(), severity = json::object();
  for (const auto& m : evaluation.matched_skills) matched.push_back(m.skill);
  // {skill, via}: job skills the candidate lacks but has a related skill for (also missing).
  json related = json::array();
  for (const auto& m : evaluation.related_skills) {
    related.push_back({{"skill", m.skill}, {"via", m.via}});
  }
  for (const auto& m : evaluation.missing_skills) {
    missing.push_back(m.skill);
    severity[m.skill] = std::string(engine::ToString(m.severity));
  }
  json questions = json::array();
  if (options.questions) {
    for (const auto& q : writeup.interview_questions) questions.push_back(q.question);
  }
  json out = {{"id", c.external_id.empty() ? std::to_string(c.index + 1) : c.external_id},
              {"rank", rank},
              {"overall_score", c.score},
              {"semantic_similarity", Round(evaluation.semantic_similarity, 0.01)},
              {"matched_skills", matched},
              {"related_skills", related},
              {"missing_skills", missing},
              {"gap_severity", severity},
              {"experience_years_relevant", Round(evaluation.experience_years_relevant, 0.1)},
              {"screening_questions", questions},
              {"boolean_search_string", options.boolean_string ? boolean_string : ""},
              {"linkedin_outreach_draft", options.outreach ? writeup.linkedin_outreach_draft : ""},
              {"score_breakdown", jobs::BreakdownJson(evaluation.breakdown)},
              {"summary", writeup.summary}};
  if (!c.error_code.empty()) out["error"] = {{"code", c.error_code}, {"message", c.error_message}};
  return out;
}

// Ranks candidates (score, then unrounded score, descending; then submission order) and shapes
// them.
json RankedCandidates(std::vector<model::CandidateRecord> records,
                      const std::string& boolean_string, const EvaluateOptions& options) {
  std::stable_sort(records.begin(), records.end(), model::RanksAbove);
  json out = json::array();
  for (std::size_t i = 0; i < records.size(); ++i) {
    out.push_back(EvaluateCandidate(records[i], static_cast<int>(i) + 1, boolean_string, options));
  }
  return out;
}

std::string BooleanFor(const ApiContext& ctx, const std::string& description) {
  const engine::Engine& engine = ctx.jobs->screener().engine();
  return generate::BooleanSearchString(engine, engine.AnalyzeJob("", description));
}

bool ReadOptions(const json& body, Validator* v, EvaluateOptions* options) {
  auto it = body.find("options");
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_object()) {
    v->Fail("options", "The options field must be an object.");
    return false;
  }
  auto flag = [&](const char* key, bool* out) {
    auto f = it->find(key);
    if (f == it->end() || f->is_null()) return;
    if (!f->is_boolean()) {
      v->Fail(std::string("options.") + key,
              std::string("The options.") + key + " field must be true or false.");
      return;
    }
    *out = f->get<bool>();
  };
  flag("generate_questions", &options->questions);
  flag("generate_boolean_string", &options->boolean_string);
  flag("generate_outreach", &options->outreach);
  return true;
}

// One /evaluate resume: {id?, text} or a file as base64 / file_url (SPEC: the same sources as the
// Jobs API, plus `text`).
void ReadEvaluateResume(json& r, const std::string& path, Validator* v, model::ResumeInput* in) {
  if (!r.is_object()) {
    v->Fail(path, "The " + path + " field must be an object.");
    return;
  }
  auto id = r.find("id");
  if (id != r.end() && !id->is_null()) {
    if (id->is_string()) {
      in->external_id = id->get<std::string>().substr(0, 255);
    } else if (id->is_number_integer()) {
      in->external_id = std::to_string(id->get<std::int64_t>());
    } else {
      v->Fail(path + ".id", "The " + path + ".id field must be a string.");
    }
  }
  auto text = v->ResumeText(r, "text", path + ".text", 0, /*base64=*/false);
  auto content = v->ResumeText(r, "content", path + ".content", 0, /*base64=*/false);
  auto base64 = v->ResumeText(r, "base64", path + ".base64", 0, /*base64=*/true);
  auto file_url = v->Url(r, "file_url", path + ".file_url", false);
  auto filename = v->String(r, "filename", path + ".filename", false, 0, 255);
  if (text)
    in->content = std::move(*text);
  else if (content)
    in->content = std::move(*content);
  if (base64) in->base64 = std::move(*base64);
  if (file_url) in->file_url = *file_url;
  if (filename) in->filename = *filename;
  if (in->filename.empty()) in->filename = in->external_id.empty() ? path : in->external_id;
  if (in->content.empty() && in->base64.empty() && in->file_url.empty() &&
      !v->errors().count(path + ".text")) {
    v->Fail(path + ".text", "The " + path + ".text field is required.");
  }
}

Response Evaluate(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 400, &error);
  if (!body) return error;
  Validator v;
  auto description = v.String(*body, "job_description", "job_description", true, 1, 100'000);
  EvaluateOptions options;
  ReadOptions(*body, &v, &options);
  model::NewJob job;
  job.account_id = caller.principal.account.id;
  job.surface = model::JobSurface::kEvaluate;
  auto resumes = body->find("resumes");
  if (resumes == body->end() || !resumes->is_array() || resumes->empty()) {
    v.Fail("resumes", "The resumes field is required and must be a non-empty array.");
  } else if (resumes->size() > kMaxEvaluateResumes) {
    v.Fail("resumes", "At most " + std::to_string(kMaxEvaluateResumes) +
                          " resumes per /evaluate call; use /bulk-screen for more.");
  } else {
    for (std::size_t i = 0; i < resumes->size(); ++i) {
      model::ResumeInput in;
      ReadEvaluateResume((*resumes)[i], "resumes." + std::to_string(i), &v, &in);
      job.resumes.push_back(std::move(in));
    }
  }
  if (!v.ok()) return ErrorResponse(400, "Missing or invalid parameters.", v.errors());
  job.description = *description;
  job.title = "";

  auto evaluated = ctx.jobs->Evaluate(caller.principal, std::move(job));
  if (!evaluated.ok()) return ErrorResponse(evaluated.error());
  http::FieldErrors unreadable;
  for (std::size_t i = 0; i < evaluated->candidates.size(); ++i) {
    const model::CandidateRecord& c = evaluated->candidates[i];
    if (!c.error_code.empty()) {
      unreadable["resumes." + std::to_string(i)].push_back(c.error_code + ": " + c.error_message);
    }
  }
  if (!unreadable.empty()) {
    return ErrorResponse(422,
                         "Resume parsing failed for " + unreadable.begin()->first +
                             (unreadable.size() > 1 ? " and others" : "") + ".",
                         unreadable);
  }
  std::string boolean_string =
      generate::BooleanSearchString(ctx.jobs->screener().engine(), evaluated->requirements);
  return Response::Json(200, {{"job_id", evaluated->stored->public_id},
                              {"evaluated_at", FormatIso8601(evaluated->stored->created_at_ms)},
                              {"candidates", RankedCandidates(std::move(evaluated->candidates),
                                                              boolean_string, options)}});
}

Response BulkScreen(const ApiContext& ctx, const Request& req, const Caller& caller) {
  Response error;
  auto body = ParseJsonObject(req.body, 400, &error);
  if (!body) return error;
  Validator v;
  auto description = v.String(*body, "job_description", "job_description", true, 1, 100'000);
  auto webhook = v.Url(*body, "webhook_url", "webhook_url", false);
  EvaluateOptions options;
  ReadOptions(*body, &v, &options);
  model::NewJob job;
  job.account_id = caller.principal.account.id;
  job.surface = model::JobSurface::kBulkScreen;
  auto urls = body->find("resume_urls");
  if (urls == body->end() || !urls->is_array() || urls->empty()) {
    v.Fail("resume_urls",
           "The resume_urls field is required and must be a non-empty array of URLs.");
  } else if (urls->size() > BulkResumeCap(caller.principal.account.plan, ctx.max_resumes_per_job)) {
    const model::Plan plan = caller.principal.account.plan;
    v.Fail("resume_urls",
           "At most " + std::to_string(BulkResumeCap(plan, ctx.max_resumes_per_job)) +
               " resume_urls per call on the " + std::string(model::ToString(plan)) + " plan.");
  } else {
    for (std::size_t i = 0; i < urls->size(); ++i) {
      json wrapper = {{"u", (*urls)[i]}};
      auto url = v.Url(wrapper, "u", "resume_urls." + std::to_string(i), true);
      if (url) {
        model::ResumeInput in;
        in.file_url = *url;
        in.filename = *url;
        job.resumes.push_back(std::move(in));
      }
    }
  }
  if (!v.ok()) return ErrorResponse(400, "Missing or invalid parameters.", v.errors());
  job.description = *description;
  if (webhook) job.webhook_url = *webhook;
  job.options_json = json{
      {"generate_questions", options.questions},
      {"generate_boolean_string", options.boolean_string},
      {"generate_outreach",
       options.outreach}}.dump();
  auto pending = ctx.jobs->QueueDepth();
  auto stored = ctx.jobs->Submit(caller.principal, job, "bulk_");
  if (!stored.ok()) return ErrorResponse(stored.error());
  std::int64_t eta_ms = ctx.jobs->EstimateMillis(pending.ok() ? *pending : 0,
                                                 static_cast<std::int64_t>(job.resumes.size()));
  return Response::Json(202, {{"job_id", stored->public_id},
                              {"status", "queued"},
                              {"estimated_completion_seconds", (eta_ms + 999) / 1000}});
}

}  // namespace

// The GET /v1/jobs/{job_id} answer for `job`.
static Result<json> BulkJobJson(const ApiContext& ctx, const model::Job* job) {
  // The reference knows queued | processing | completed | failed; a cancelled job reads failed.
  std::string status = job->status == model::JobStatus::kCancelled
                           ? "failed"
                           : std::string(model::ToString(job->status));
  int progress = job->candidate_count == 0
                     ? 100
                     : static_cast<int>(100LL * job->processed_count / job->candidate_count);
  if (job->status == model::JobStatus::kCompleted) progress = 100;
  EvaluateOptions options;
  json stored_options = ParseJsonOrDiscarded(job->options_json.empty() ? "{}" : job->options_json);
  if (stored_options.is_object()) {
    options.questions = stored_options.value("generate_questions", true);
    options.boolean_string = stored_options.value("generate_boolean_string", true);
    options.outreach = stored_options.value("generate_outreach", true);
  }
  json candidates = json::array();
  if (job->status == model::JobStatus::kCompleted || job->status == model::JobStatus::kCancelled) {
    model::CandidateFilter all;
    all.limit = std::max(kMaxBulkResumes, job->candidate_count);
    auto records = ctx.jobs->Candidates(*job, all);
    if (!records.ok()) return records.error();
    candidates = RankedCandidates(std::move(records->candidates), BooleanFor(ctx, job->description),
                                  options);
  }
  json out = {{"job_id", job->public_id},
              {"status", status},
              {"progress", progress},
              {"candidates", candidates}};
  if (!model::IsFinal(job->status)) {
    std::int64_t eta = ctx.jobs->EstimateMillis(0, job->candidate_count - job->processed_count);
    out["estimated_completion_seconds"] = (eta + 999) / 1000;
  }
  if (!job->error.empty()) out["error"] = job->error;
  return out;
}

std::optional<std::string> BulkScreenWebhookBody(const ApiContext& ctx, const model::Job& job) {
  auto answer = BulkJobJson(ctx, &job);
  if (!answer.ok()) return std::nullopt;
  return answer->dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

Response GetBulkJob(const ApiContext& ctx, const Request& req, const Caller& caller) {
  auto job = ctx.jobs->GetByPublicId(caller.principal.account.id, req.path_params.at("job_id"));
  if (!job.ok()) return ErrorResponse(job.error());
  auto answer = BulkJobJson(ctx, &*job);
  if (!answer.ok()) return ErrorResponse(answer.error());
  return Response::Json(200, *answer);
}

Response AnalyzeTranscript(const ApiContext&, const Request& req, const Caller&) {
  Response error;
  auto body = ParseJsonObject(req.body, 400, &error);
  if (!body) return error;
  Validator v;
  auto transcript = v.String(*body, "transcript", "transcript", true, 1, kMaxTranscriptChars);
  auto description = v.String(*body, "job_description", "job_description", false, 0, 100'000);
  auto type_text = v.String(*body, "interview_type", "interview_type", false, 0, 32);
  interview::InterviewType type = interview::InterviewType::kMixed;
  if (type_text) {
    auto parsed = interview::ParseInterviewType(*type_text);
    if (parsed.ok()) {
      type = *parsed;
    } else {
      v.Fail("interview_type", parsed.error().message);
    }
  }
  if (!v.ok()) return ErrorResponse(400, "Missing or invalid parameters.", v.errors());
  auto analysis = interview::AnalyzeTranscript(*transcript, type, description.value_or(""));
  if (!analysis.ok()) {
    return ErrorResponse(400, analysis.error().message,
                         {{"transcript", {analysis.error().message}}});
  }
  json competencies = json::object();
  for (const auto& [name, score] : analysis->competency_scores) competencies[name] = score;
  json answers = json::array();
  for (const auto& a : analysis->answers) {
    answers.push_back({{"question", a.question},
                       {"star_components", a.star_components},
                       {"situation", a.situation},
                       {"task", a.task},
                       {"action", a.action},
                       {"result", a.result},
                       {"flags", a.flags}});
  }
  return Response::Json(200,
                        {{"overall_interview_score", analysis->overall_interview_score},
                         {"competency_scores", competencies},
                         {"star_completeness_avg", Round(analysis->star_completeness_avg, 0.1)},
                         {"concern_flags", analysis->concern_flags},
                         {"interviewer_summary", analysis->interviewer_summary},
                         {"interview_type", std::string(interview::ToString(type))},
                         {"answers", answers}});
}

}  // namespace

void AddEvaluateApiRoutes(const ApiContext& ctx, http::Router* router) {
  // Slow: /evaluate screens (and fetches URLs) before it answers; transcripts are analysed
  // whole.
  router->Add({"POST", "/v1/evaluate", Bind(ctx, Evaluate), true, "screen", true});
  router->Add({"POST", "/v1/bulk-screen", Bind(ctx, BulkScreen), true, "screen"});
  router->Add({"GET", "/v1/jobs/{job_id}", Bind(ctx, GetBulkJob), true, "read"});
  router->Add(
      {"POST", "/v1/analyze-transcript", Bind(ctx, AnalyzeTranscript), true, "screen", true});
}

}  // namespace shortlist::api
