#include "billing/usage_events.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "billing/packs.h"
#include "common/clock.h"

namespace shortlist::billing {
namespace {

using Refusal = store::ChargeOutcome::Refusal;
using nlohmann::json;

struct Builder {
  const ChargeContext& charge;
  const store::ChargeOutcome& outcome;
  const store::UsageWebhookConfig& config;
  std::vector<webhooks::Event> events;

  bool Wanted(const std::string& type) const {
    return config.events.empty() ||
           std::find(config.events.begin(), config.events.end(), type) != config.events.end();
  }

  json BaseData() const {
    json d;
    if (charge.agent_key_id) {
      d["agent_key_id"] = charge.agent_key_id;
      d["agent_key_name"] = outcome.agent_key_name;
    } else {
      d["agent_key_id"] = nullptr;
      d["agent_key_name"] = nullptr;
    }
    d["spent_amount"] = outcome.refusal == Refusal::kNone ? Dollars(charge.credits) : 0.0;
    d["requested_amount"] = Dollars(charge.credits);
    d["current_balance"] = Dollars(outcome.balance_after);
    d["currency"] = "USD";
    return d;
  }

  void Add(const std::string& type, json data, const std::string& dedupe) {
    if (!Wanted(type)) return;
    webhooks::Event e;
    e.account_id = charge.account_id;
    e.url = config.url;
    e.type = type;
    e.data_json = data.dump();
    e.dedupe_key = "usage:" + dedupe;
    events.push_back(std::move(e));
  }

  // One limit of an agent key: threshold crossing, limit reached, or refusal by it.
  void Period(const char* period, const std::optional<std::int64_t>& limit, std::int64_t before,
              std::int64_t after, bool refused_here, const std::string& instance,
              const char* limit_event) {
    if (!limit) return;
    json d = BaseData();
    d["period"] = period;
    d["period_spend"] = Dollars(after);
    d["current_spend"] = Dollars(after);
    d["threshold"] = Dollars(*limit);
    d["limit"] = Dollars(*limit);
    d["threshold_percent"] = config.threshold_percent;
    const std::string key =
        "agent:" + std::to_string(charge.agent_key_id) + ":" + period + ":" + instance;
    if (limit_event && (refused_here || (before < *limit && after >= *limit))) {
      d["limit_reached"] = true;
      Add(limit_event, d, key + ":limit");
      return;
    }
    // ceil(limit * percent / 100) in credits.
    std::int64_t threshold = (*limit * config.threshold_percent + 99) / 100;
    if (outcome.refusal == Refusal::kNone && before < threshold && after >= threshold) {
      Add("agent.usage_threshold_reached", d, key + ":threshold");
    }
  }
};

}  // namespace

std::string CanonicalUsageEvent(const std::string& name) {
  if (name == "threshold_reached") return "agent.usage_threshold_reached";
  for (const char* n : kUsageEventNames) {
    if (name == n) return n;
  }
  return "";
}

std::vector<webhooks::Event> UsageEventsForCharge(const ChargeContext& charge,
                                                  const store::ChargeOutcome& outcome,
                                                  const store::UsageWebhookConfig& config) {
  Builder b{charge, outcome, config, {}};
  if (config.url.empty()) return {};
  if (charge.agent_key_id != 0) {
    const std::string day = store::UtcDay(charge.now_ms), month = store::UtcMonth(charge.now_ms);
    b.Period("daily", outcome.limits.daily, outcome.spend_before.today, outcome.spend_after.today,
             outcome.refusal == Refusal::kDailyLimit, day, "daily_limit");
    b.Period("monthly", outcome.limits.monthly, outcome.spend_before.this_month,
             outcome.spend_after.this_month, outcome.refusal == Refusal::kMonthlyLimit, month,
             "monthly_limit");
    b.Period("lifetime", outcome.limits.lifetime, outcome.spend_before.lifetime,
             outcome.spend_after.lifetime, false, "all", nullptr);
  }
  const std::int64_t before = outcome.balance_before.credits, after = outcome.balance_after;
  const std::int64_t threshold = LowBalanceThreshold(outcome.balance_before.largest_purchase_cents);
  const std::string epoch = "balance:" + std::to_string(charge.account_id) + ":" +
                            std::to_string(outcome.balance_before.topup_epoch);
  json d = b.BaseData();
  d["threshold"] = Dollars(threshold);
  if (outcome.refusal == Refusal::kInsufficientCredits || (before > 0 && after <= 0)) {
    b.Add("credits_exhausted", d, epoch + ":exhausted");
  } else if (outcome.refusal == Refusal::kNone && before >= threshold && after < threshold) {
    b.Add("low_balance", d, epoch + ":low");
  }
  return std::move(b.events);
}

}  // namespace shortlist::billing
