// JobOutbox: the workers' jobs::JobAnnouncer. It runs the JobEventPublisher under an
// EventCapture, so the events it builds for a job's start and end are handed to the worker,
// which writes them with the claim or the final status, instead of being written on their own.
#pragma once

#include <vector>

#include "jobs/job_announcer.h"
#include "webhooks/event_sink.h"
#include "webhooks/job_events.h"

namespace shortlist::webhooks {

class JobOutbox : public jobs::JobAnnouncer {
 public:
  // Both must outlive the outbox; `publisher` publishes into `sink`.
  JobOutbox(JobEventPublisher& publisher, EventSink& sink) : publisher_(publisher), sink_(sink) {}

  std::vector<model::NewWebhookDelivery> Started(const model::Job& job) override;
  std::vector<model::NewWebhookDelivery> Finished(const model::Job& job) override;
  void Written() override { sink_.CapturedWritten(); }

 private:
  JobEventPublisher& publisher_;
  EventSink& sink_;
};

}  // namespace shortlist::webhooks
