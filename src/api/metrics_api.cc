#include "api/metrics_api.h"

#include <string>

namespace shortlist::api {

namespace {

std::string MetricsText(const ApiContext& ctx, const http::RequestMetrics& requests,
                        const jobs::JobMetrics& jobs) {
  std::string text;
  text.reserve(16 << 10);
  http::PrometheusWriter out(&text);
  requests.AppendPrometheusText(out);

  auto pending = ctx.jobs->QueueDepth();
  if (pending.ok()) {
    out.Family("shortlist_queue_depth", "gauge",
               "Resumes of queued or processing jobs not screened yet.");
    out.Sample("shortlist_queue_depth", {}, static_cast<std::uint64_t>(*pending));
  }

  out.Family("shortlist_jobs_started_total", "counter",
             "Jobs a worker of this process claimed (a job resumed after a restart counts again).");
  out.Sample("shortlist_jobs_started_total", {}, jobs.started.Value());
  out.Family("shortlist_jobs_finished_total", "counter",
             "Jobs that finished in this process, by final status (cancelled jobs not included).");
  out.Sample("shortlist_jobs_finished_total", {{"status", "completed"}}, jobs.completed.Value());
  out.Sample("shortlist_jobs_finished_total", {{"status", "failed"}}, jobs.failed.Value());
  out.Family("shortlist_resumes_screened_total", "counter",
             "Resumes screened and saved as candidates by this process's workers.");
  out.Sample("shortlist_resumes_screened_total", {}, jobs.resumes_screened.Value());

  const metrics::WebhookDeliveryCounters& webhooks = metrics::WebhookDeliveries();
  out.Family("shortlist_webhook_deliveries_total", "counter",
             "Webhook delivery attempts by outcome: delivered (2xx), retry (failed, scheduled "
             "again), failed (failed for the last time).");
  out.Sample("shortlist_webhook_deliveries_total", {{"result", "delivered"}},
             webhooks.delivered.Value());
  out.Sample("shortlist_webhook_deliveries_total", {{"result", "retry"}}, webhooks.retry.Value());
  out.Sample("shortlist_webhook_deliveries_total", {{"result", "failed"}}, webhooks.failed.Value());
  return text;
}

}  // namespace

void AddMetricsRoute(const ApiContext& ctx, const http::RequestMetrics& requests,
                     const jobs::JobMetrics& jobs, http::Router* router) {
  router->Add({"GET", "/metrics",
               [&ctx, &requests, &jobs](const http::Request&, const http::Caller*) {
                 http::Response response;
                 response.body = MetricsText(ctx, requests, jobs);
                 response.content_type = std::string(http::kPrometheusContentType);
                 return response;
               },
               false, ""});
}

}  // namespace shortlist::api
