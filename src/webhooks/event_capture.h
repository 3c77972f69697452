// EventCapture: while one is alive on a thread, the outbox sink hands that thread's deliveries to
// it instead of writing them, so the caller can write them in the same transaction as the change
// they announce (store::Store::ClaimNextJob and FinishJob, store::BillingStore::Charge take
// them). Then a crash leaves either the change with all of its events or neither.
//
//   EventCapture capture;
//   publisher.OnJobFinished(job);          // builds the events; nothing is written yet
//   store.FinishJob(claim, ..., capture.Take());
//
// Captures nest: the innermost one on the thread receives. Not shared between threads.
#pragma once

#include <vector>

#include "model/webhook.h"

namespace shortlist::webhooks {

class EventCapture {
 public:
  EventCapture();
  ~EventCapture();
  EventCapture(const EventCapture&) = delete;
  EventCapture& operator=(const EventCapture&) = delete;

  // The innermost capture alive on the calling thread, or null.
  static EventCapture* Current();

  void Add(model::NewWebhookDelivery delivery) { captured_.push_back(std::move(delivery)); }
  // What was captured so far; the capture is empty afterwards.
  std::vector<model::NewWebhookDelivery> Take() { return std::move(captured_); }

 private:
  EventCapture* outer_;
  std::vector<model::NewWebhookDelivery> captured_;
};

}  // namespace shortlist::webhooks
