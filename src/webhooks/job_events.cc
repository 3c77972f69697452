#include "webhooks/job_events.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/json_parse.h"
#include "common/log.h"

namespace shortlist::webhooks {
namespace {

using nlohmann::json;

// Jobs API jobs are shown by their integer id, Evaluate API jobs by their public string id.
json PublicJobId(const model::Job& job) {
  if (job.surface == model::JobSurface::kJobs) return job.id;
  return job.public_id;
}

// Text from resumes is not guaranteed UTF-8; a bad byte becomes U+FFFD rather than an exception.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string PublicStatus(model::JobStatus s) {
  return s == model::JobStatus::kQueued ? "processing" : std::string(model::ToString(s));
}

}  // namespace

WebhookConditions ParseConditions(const std::string& json_text) {
  WebhookConditions c;
  if (json_text.empty()) return c;
  json j = ParseJsonOrDiscarded(json_text);
  if (!j.is_object()) return c;
  if (auto it = j.find("min_score"); it != j.end() && it->is_number_integer()) {
    c.min_score = it->get<int>();
  }
  if (auto it = j.find("only_top_n"); it != j.end() && it->is_number_integer()) {
    c.only_top_n = it->get<int>();
  }
  if (auto it = j.find("events"); it != j.end() && it->is_array()) {
    for (const auto& e : *it) {
      if (e.is_string()) c.events.insert(e.get<std::string>());
    }
  }
  return c;
}

JobEventPublisher::JobEventPublisher(EventSink& sink, store::Store& store,
                                     std::function<std::string()> base_url)
    : sink_(sink), store_(store), base_url_(std::move(base_url)) {}

void JobEventPublisher::Publish(const model::Job& job, const std::string& type,
                                const std::string& data_json, const std::string& dedupe_suffix) {
  Event e;
  e.account_id = job.account_id;
  e.url = job.webhook_url;
  e.type = type;
  e.data_json = data_json;
  e.dedupe_key = "job:" + std::to_string(job.id) + ":" + type + dedupe_suffix;
  Status published = sink_.Publish(e);
  if (!published.ok()) {
    Log(LogLevel::kError, "publishing a webhook event failed",
        {{"job", static_cast<long long>(job.id)},
         {"event", type},
         {"error", published.error().message}});
  }
}

void JobEventPublisher::PublishBulkScreen(const model::Job& job) {
  std::optional<std::string> body = bulk_body_(job);
  if (!body) {
    Log(LogLevel::kError, "writing a bulk-screen webhook body failed",
        {{"job", static_cast<long long>(job.id)}});
    return;
  }
  Event e;
  e.account_id = job.account_id;
  e.url = job.webhook_url;
  e.type = job.status == model::JobStatus::kCompleted ? "job.completed" : "job.failed";
  e.dedupe_key = "job:" + std::to_string(job.id) + ":" + e.type;
  if (Status published = sink_.PublishBody(e, *body); !published.ok()) {
    Log(LogLevel::kError, "publishing a webhook event failed",
        {{"job", static_cast<long long>(job.id)}, {"error", published.error().message}});
  }
}

void JobEventPublisher::OnJobStarted(const model::Job& job) {
  if (job.webhook_url.empty()) return;
  if (bulk_body_ && job.surface == model::JobSurface::kBulkScreen) return;  // one event, at end
  if (!ParseConditions(job.webhook_conditions_json).Wants("job.processing")) return;
  const std::string status_url = base_url_() + "/api/v1/jobs/" + std::to_string(job.id);
  json data = {
      {"job_id", PublicJobId(job)},
      {"title", job.title},
      {"status", "processing"},
      {"candidate_count", job.candidate_count},
      {"created_at", FormatIso8601(job.created_at_ms)},
      {"started_at", FormatIso8601(job.started_at_ms ? job.started_at_ms : job.created_at_ms)},
      {"status_url", status_url}};
  Publish(job, "job.processing", Dump(data), "");
}

void JobEventPublisher::PublishHighScores(const model::Job& job,
                                          const WebhookConditions& conditions) {
  model::CandidateFilter filter;
  filter.min_score = conditions.min_score.value_or(0);
  filter.only_top_n = conditions.only_top_n.value_or(0);
  filter.limit = 1000;  // a job holds at most 1000 resumes (the Evaluate API's bulk cap)
  int total = 0;
  auto candidates = store_.ListCandidates(job.id, filter, &total);
  if (!candidates.ok()) {
    Log(LogLevel::kError, "listing candidates for webhooks failed",
        {{"job", static_cast<long long>(job.id)}, {"error", candidates.error().message}});
    return;
  }
  const std::string results_url =
      base_url_() + "/api/v1/jobs/" + std::to_string(job.id) + "/results";
  int rank = 0;
  for (const auto& c : *candidates) {
    ++rank;  // ListCandidates ranks by score (ties: submission order)
    if (!c.error_code.empty()) continue;
    if (!conditions.min_score && !c.qualified) continue;
    json data = {{"job_id", PublicJobId(job)},
                 {"title", job.title},
                 {"candidate_id", c.index + 1},
                 {"rank", rank},
                 {"score", c.score},
                 {"qualified", c.qualified},
                 {"threshold", conditions.min_score ? json(*conditions.min_score) : json(nullptr)},
                 {"candidate",
                  {{"id", c.index + 1},
                   {"name", c.name},
                   {"email", c.email},
                   {"filename", c.filename},
                   {"score", c.score}}},
                 {"results_url", results_url}};
    Publish(job, "high_score_detected", Dump(data), ":" + std::to_string(c.index + 1));
  }
}

void JobEventPublisher::OnJobFinished(const model::Job& job) {
  if (job.webhook_url.empty()) return;
  if (bulk_body_ && job.surface == model::JobSurface::kBulkScreen) {
    PublishBulkScreen(job);
    return;
  }
  const WebhookConditions conditions = ParseConditions(job.webhook_conditions_json);
  const bool completed = job.status == model::JobStatus::kCompleted;
  if (completed && conditions.Wants("high_score_detected")) PublishHighScores(job, conditions);
  const std::string type = completed ? "job.completed" : "job.failed";
  if (!conditions.Wants(type)) return;
  model::JobSummary s;
  if (auto summary = store_.Summarize(job.id); summary.ok()) s = *summary;
  const std::string base = base_url_() + "/api/v1/jobs/" + std::to_string(job.id);
  json data = {{"job_id", PublicJobId(job)},
               {"title", job.title},
               {"status", PublicStatus(job.status)},
               {"candidate_count", job.candidate_count},
               {"processed_count", job.processed_count},
               {"summary",
                {{"total_candidates", job.candidate_count},
                 {"qualified_count", s.qualified_count},
                 {"top_score", s.top_score},
                 {"average_score", std::round(s.average_score * 10) / 10}}},
               {"created_at", FormatIso8601(job.created_at_ms)},
               {"completed_at", FormatIso8601(job.completed_at_ms)},
               {"status_url", base},
               {"results_url", completed ? json(base + "/results") : json(nullptr)}};
  if (!job.error.empty()) data["error"] = job.error;
  Publish(job, type, Dump(data), "");
}

}  // namespace shortlist::webhooks
