// JobEventPublisher: turns the workers' job events into webhook events for jobs that asked for
// them (a webhook_url), filtered by the job's webhook_conditions.
//
// Events (the body's "data" is documented in docs/api.md, "Webhooks"):
//   job.processing       when a worker starts the job;
//   high_score_detected  when the job completes, ONE EVENT PER CANDIDATE whose score reaches
//                        min_score (absent: the candidate is qualified at the job's leniency),
//                        among the top only_top_n when given (ranking is final only then);
//   job.completed / job.failed  when the job ends, with the summary and results_url.
// conditions.events, when given, lists the events to send; absent, all four are sent.
// min_score and only_top_n only shape high_score_detected.
//
// Every event carries a dedupe key (job id + event [+ candidate]), so a job resumed after a
// crash, which starts again, notifies once. Publishing only writes to the outbox.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>

#include "jobs/job_observer.h"
#include "store/store.h"
#include "webhooks/event_sink.h"

namespace shortlist::webhooks {

struct WebhookConditions {
  std::optional<int> min_score;
  std::optional<int> only_top_n;
  std::set<std::string> events;  // empty: every event
  bool Wants(const std::string& event) const { return events.empty() || events.count(event) > 0; }
};
// Parses a job's stored webhook_conditions JSON ("" or malformed: no conditions).
WebhookConditions ParseConditions(const std::string& json_text);

// The body an Evaluate API /bulk-screen job's webhook carries: its GET /v1/jobs/{job_id}
// answer (written by the API layer, which owns that shape); nullopt when it cannot be read.
using BulkScreenBody = std::function<std::optional<std::string>(const model::Job& job)>;

class JobEventPublisher : public jobs::JobObserver {
 public:
  // `sink` and `store` must outlive the publisher. `base_url` gives the server's public base
  // ("https://shortlist.example.com") for status_url/results_url; called on worker threads.
  JobEventPublisher(EventSink& sink, store::Store& store, std::function<std::string()> base_url);

  void OnJobStarted(const model::Job& job) override;
  void OnJobFinished(const model::Job& job) override;

  // Once set (before the workers start), a /bulk-screen job sends one webhook when it ends
  // (event job.completed or job.failed) whose body is `body(job)`, as the Evaluate API's
  // reference says, instead of the Jobs API's events.
  void SetBulkScreenBody(BulkScreenBody body) { bulk_body_ = std::move(body); }

 private:
  void PublishBulkScreen(const model::Job& job);
  void Publish(const model::Job& job, const std::string& type, const std::string& data_json,
               const std::string& dedupe_suffix);
  void PublishHighScores(const model::Job& job, const WebhookConditions& conditions);

  EventSink& sink_;
  store::Store& store_;
  std::function<std::string()> base_url_;
  BulkScreenBody bulk_body_;
};

}  // namespace shortlist::webhooks
