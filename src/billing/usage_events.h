// Which usage webhooks a charge causes, as a pure function of what the charge saw and did, so
// the rules are testable without a store or a network.
//
// Events (the reference's "Usage Webhook Events"), each published at most once per period
// through its dedupe key:
//  - "agent.usage_threshold_reached": an agent key's daily, monthly or lifetime spend crossed
//    threshold_percent (default 80) of its limit; once per key, period and period instance.
//  - "daily_limit" / "monthly_limit": the key's spend reached its limit, or a job was refused
//    by it; once per key and day / month.
//  - "low_balance": the balance fell below max($1, 5% of the largest purchase); once per top-up.
//  - "credits_exhausted": the balance reached zero or a job was refused for want of credits;
//    once per top-up.
// The data object has the reference's fields (agent_key_id, agent_key_name, spent_amount,
// current_balance, period_spend, threshold, current_spend, currency; dollars as numbers) plus
// `period`, `limit` and `threshold_percent` where they apply. `threshold` is the limit whose
// share was reached (for balance events: the low-balance threshold), as in the reference.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/billing_store.h"
#include "webhooks/event_sink.h"

namespace shortlist::billing {

inline constexpr const char* kUsageEventNames[] = {"agent.usage_threshold_reached", "daily_limit",
                                                   "monthly_limit", "low_balance",
                                                   "credits_exhausted"};

// The canonical name for a configured event name ("threshold_reached" is accepted for
// "agent.usage_threshold_reached"); "" when unknown.
std::string CanonicalUsageEvent(const std::string& name);

struct ChargeContext {
  std::int64_t account_id = 0;
  std::int64_t agent_key_id = 0;
  std::int64_t credits = 0;  // asked for
  std::int64_t now_ms = 0;
};

// The events to publish for `outcome` under `config` (none when no URL is configured or the
// event is not among config.events). Each carries url, type, data_json and dedupe_key.
std::vector<webhooks::Event> UsageEventsForCharge(const ChargeContext& charge,
                                                  const store::ChargeOutcome& outcome,
                                                  const store::UsageWebhookConfig& config);

}  // namespace shortlist::billing
