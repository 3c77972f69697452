#include "webhooks/job_outbox.h"

#include "webhooks/event_capture.h"

namespace shortlist::webhooks {

std::vector<model::NewWebhookDelivery> JobOutbox::Started(const model::Job& job) {
  EventCapture capture;
  publisher_.OnJobStarted(job);
  return capture.Take();
}

std::vector<model::NewWebhookDelivery> JobOutbox::Finished(const model::Job& job) {
  EventCapture capture;
  publisher_.OnJobFinished(job);
  return capture.Take();
}

}  // namespace shortlist::webhooks
