// Where the rest of the server hands an event it wants delivered to a customer's URL. The sink
// only records the event durably (the outbox); a separate dispatcher delivers it, signs it, and
// retries with backoff, so Publish never waits on the network.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"

namespace shortlist::webhooks {

struct Event {
  std::int64_t account_id = 0;
  std::string url;        // where to POST; checked by the SSRF guard when delivered
  std::string type;       // "job.completed", "high_score_detected", "credits.low_balance", ...
  std::string data_json;  // the JSON object that becomes the body's "data"
  // Publishing twice with the same non-empty key (per account) records one event, so a job
  // replayed after a crash does not notify twice. E.g. "job:42:job.completed".
  std::string dedupe_key;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Durably records the event for delivery. Thread-safe.
  virtual Status Publish(const Event& event) = 0;
  // The same, but the delivery's body is `body` exactly (a JSON object) instead of the
  // {"event","timestamp","data","id"} envelope: the Evaluate API's /bulk-screen webhook is the
  // GET /v1/jobs/{job_id} answer itself. Signed and retried like any other; X-Webhook-Id still
  // names the delivery. The default records `body` as the event's data (for sinks that keep
  // no envelope of their own).
  virtual Status PublishBody(const Event& event, const std::string& body) {
    Event with_body = event;
    with_body.data_json = body;
    return Publish(with_body);
  }
  // Deliveries captured from this sink (event_capture.h) were written by the transaction of the
  // change they announce: e.g. wake whoever sends them.
  virtual void CapturedWritten() {}
};

}  // namespace shortlist::webhooks
