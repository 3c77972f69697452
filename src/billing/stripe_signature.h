// Stripe's webhook signature scheme: the `Stripe-Signature` header reads
// "t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=...][,v0=...]", where each v1 is
// HMAC-SHA256(signing secret, "<t>.<raw body>"). A request is genuine when any v1 matches
// (compared in constant time) and t is within `tolerance_seconds` of now, which bounds replays.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace shortlist::billing {

inline constexpr std::int64_t kStripeSignatureToleranceSeconds = 300;

// OK, or "bad_request" naming what is wrong (missing header, no v1, stale timestamp, mismatch).
Status VerifyStripeSignature(std::string_view header, std::string_view payload,
                             std::string_view secret, std::int64_t now_seconds,
                             std::int64_t tolerance_seconds = kStripeSignatureToleranceSeconds);

// The header a sender with `secret` would attach at `timestamp` (tests and tools).
std::string SignStripePayload(std::string_view payload, std::string_view secret,
                              std::int64_t timestamp);

}  // namespace shortlist::billing
