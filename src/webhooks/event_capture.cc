#include "webhooks/event_capture.h"

namespace shortlist::webhooks {
namespace {

thread_local EventCapture* innermost = nullptr;

}  // namespace

EventCapture::EventCapture() : outer_(innermost) { innermost = this; }

EventCapture::~EventCapture() { innermost = outer_; }

EventCapture* EventCapture::Current() { return innermost; }

}  // namespace shortlist::webhooks
