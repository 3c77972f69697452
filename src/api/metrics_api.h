// GET /metrics: the server's counters in the Prometheus text format (0.0.4), for a scraper.
// Like /healthz it needs no token: it shows counts and timings per route, never a path, an id,
// an account or a token. Expose it only where the scraper can reach it (bind --host to a private
// address, or filter /metrics at the proxy).
//
// Families: shortlist_http_requests_total, shortlist_http_request_duration_seconds (see
// http/metrics.h), shortlist_queue_depth (resumes queued or being screened),
// shortlist_jobs_started_total, shortlist_jobs_finished_total{status},
// shortlist_resumes_screened_total (JobMetrics below) and
// shortlist_webhook_deliveries_total{result} (common/metrics.h).
#pragma once

#include "api/context.h"
#include "common/metrics.h"
#include "http/metrics.h"
#include "http/router.h"
#include "jobs/job_observer.h"

namespace shortlist::api {

// Counts what the job workers report. Register it with WorkerPool::AddObserver before the
// workers start; it must outlive them. Thread-safe and lock-free (called on worker threads).
// Counts are of this process: a job resumed after a restart is counted again when it finishes.
class JobMetrics : public jobs::JobObserver {
 public:
  void OnJobStarted(const model::Job& job) override;
  void OnCandidatesSaved(const model::Job& job,
                         const std::vector<model::CandidateRecord>& batch) override;
  void OnJobFinished(const model::Job& job) override;

  metrics::Counter started;
  metrics::Counter completed;  // finished with status "completed"
  metrics::Counter failed;     // finished with status "failed"
  metrics::Counter resumes_screened;
};

// Adds GET /metrics (no token). `requests` and `jobs` must outlive the router; `ctx.store`
// answers the queue depth (a failing store leaves that gauge out rather than failing the scrape).
void AddMetricsRoute(const ApiContext& ctx, const http::RequestMetrics& requests,
                     const JobMetrics& jobs, http::Router* router);

}  // namespace shortlist::api
