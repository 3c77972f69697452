// GET /metrics: the server's counters in the Prometheus text format (0.0.4), for a scraper.
// Like /healthz it needs no token: it shows counts and timings per route, never a path, an id,
// an account or a token. Expose it only where the scraper can reach it (bind --host to a private
// address, or filter /metrics at the proxy).
//
// Families: shortlist_http_requests_total, shortlist_http_request_duration_seconds (see
// http/metrics.h), shortlist_queue_depth (resumes queued or being screened),
// shortlist_jobs_started_total, shortlist_jobs_finished_total{status},
// shortlist_resumes_screened_total (jobs/job_metrics.h) and
// shortlist_webhook_deliveries_total{result} (common/metrics.h).
#pragma once

#include "api/context.h"
#include "common/metrics.h"
#include "http/metrics.h"
#include "http/router.h"
#include "jobs/job_metrics.h"

namespace shortlist::api {

// Adds GET /metrics (no token). `requests` and `jobs` must outlive the router; `ctx.jobs`
// answers the queue depth (a failing store leaves that gauge out rather than failing the scrape).
void AddMetricsRoute(const ApiContext& ctx, const http::RequestMetrics& requests,
                     const jobs::JobMetrics& jobs, http::Router* router);

}  // namespace shortlist::api
