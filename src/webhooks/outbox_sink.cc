#include "webhooks/outbox_sink.h"

#include <nlohmann/json.hpp>

#include "common/json_parse.h"
#include "webhooks/event_capture.h"
#include "webhooks/signing.h"

namespace shortlist::webhooks {

OutboxSink::OutboxSink(store::WebhookStore& store, const Clock& clock,
                       std::function<void()> on_publish)
    : store_(store), clock_(clock), on_publish_(std::move(on_publish)) {}

Status OutboxSink::Publish(const Event& event) { return Enqueue(event, nullptr); }

Status OutboxSink::PublishBody(const Event& event, const std::string& body) {
  if (!ParseJsonOrDiscarded(body).is_object()) {
    return Error::Make("invalid", "a webhook body must be a JSON object");
  }
  return Enqueue(event, &body);
}

Status OutboxSink::Enqueue(const Event& event, const std::string* body_as_is) {
  if (event.account_id <= 0 || event.url.empty() || event.type.empty()) {
    return Error::Make("invalid", "a webhook event needs an account, a URL and a type");
  }
  const std::int64_t now = clock_.NowMillis();
  store::NewWebhookDelivery d;
  d.account_id = event.account_id;
  d.public_id = NewEventId();
  d.url = event.url;
  d.event_type = event.type;
  d.dedupe_key = event.dedupe_key;
  d.created_at_ms = now;
  if (body_as_is != nullptr) {
    d.body = *body_as_is;
  } else {
    auto body = BuildEventBody(event.type, event.data_json, d.public_id, now);
    if (!body.ok()) return body.error();
    d.body = std::move(*body);
  }
  auto data = ParseJsonOrDiscarded(event.data_json);
  if (auto it = data.find("job_id"); it != data.end() && it->is_number_integer()) {
    d.job_id = it->get<std::int64_t>();
  }
  if (EventCapture* capture = EventCapture::Current()) {
    capture->Add(std::move(d));  // the caller writes it with the change it announces
    return OkStatus();
  }
  auto added = store_.Enqueue(d);
  if (!added.ok()) return added.error();
  if (*added && on_publish_) on_publish_();
  return OkStatus();
}

void OutboxSink::CapturedWritten() {
  if (on_publish_) on_publish_();
}

}  // namespace shortlist::webhooks
