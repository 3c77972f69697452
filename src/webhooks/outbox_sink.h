// OutboxSink: the EventSink the server publishes into. Publish writes the event's final body
// (with a fresh "evt_…" id and the publish time as "timestamp") into the store's outbox as a
// pending delivery and wakes the dispatcher; it never touches the network.
#pragma once

#include <functional>

#include "common/clock.h"
#include "store/webhook_store.h"
#include "webhooks/event_sink.h"

namespace shortlist::webhooks {

class OutboxSink : public EventSink {
 public:
  // `store` and `clock` must outlive the sink. `on_publish` (may be empty) is called after a new
  // delivery is recorded, e.g. to wake the dispatcher.
  OutboxSink(store::WebhookStore& store, const Clock& clock, std::function<void()> on_publish);

  // Errors: "invalid" (no account, no URL, no type, or data that is not a JSON object),
  // "storage". A duplicate dedupe_key is not an error: the first event stands. The delivery is
  // tied to a job when data has an integer "job_id" (GET /webhooks/deliveries?job_id=).
  // While an EventCapture is alive on the calling thread, the delivery goes to it instead.
  Status Publish(const Event& event) override;
  void CapturedWritten() override;
  // Publish with `body` sent as it is (EventSink::PublishBody); "invalid" if it is not a JSON
  // object.
  Status PublishBody(const Event& event, const std::string& body) override;

 private:
  Status Enqueue(const Event& event, const std::string* body);

  store::WebhookStore& store_;
  const Clock& clock_;
  std::function<void()> on_publish_;
};

}  // namespace shortlist::webhooks
