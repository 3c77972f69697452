// Billing's records: the credit ledger, balances, agent keys and their spend, charges, refunds,
// credits, auto-reload and usage-webhook settings. Plain structs that every layer shares (the
// store keeps them, billing decides with them, the API shows them); no behaviour, no SQL.
//
// Money is counted in credits (1 credit = $0.01 = 1 US cent), always as integers. Spend periods
// are UTC calendar days ("2026-11-23") and months ("2026-11") of the charge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shortlist::model {

// One line of an account's ledger. `credits` is signed: positive adds to the balance.
struct LedgerEntry {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string kind;  // "charge", "refund", "purchase", "bonus", "grant"
  std::int64_t credits = 0;
  std::int64_t balance_after = 0;
  std::string description;
  std::int64_t job_id = 0;        // 0: none
  std::int64_t agent_key_id = 0;  // 0: a user token (or no key)
  std::string reference;          // e.g. a Stripe Checkout Session id; "" when none
  std::int64_t created_at_ms = 0;
};

struct LedgerFilter {
  std::string kind;               // "" = every kind
  std::int64_t agent_key_id = 0;  // 0 = every key
  int limit = 50;
  int offset = 0;
};

struct CreditBalance {
  std::int64_t credits = 0;
  std::int64_t largest_purchase_cents = 0;  // the price of the largest single purchase
  std::int64_t topup_epoch = 0;             // id of the last entry that added credits; 0 = none yet
};

// Limits in credits; nullopt = no limit.
struct SpendLimits {
  std::optional<std::int64_t> daily;
  std::optional<std::int64_t> monthly;
  std::optional<std::int64_t> lifetime;
};

struct AgentKeyRecord {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::string prefix;  // the first characters of the key, for listings
  std::vector<std::string> permissions;
  SpendLimits limits;
  bool revoked = false;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  std::int64_t last_used_at_ms = 0;  // 0: never
  std::int64_t revoked_at_ms = 0;
};

// What a key has spent, net of refunds, in the periods of `now`.
struct AgentKeySpend {
  std::int64_t today = 0;
  std::int64_t this_month = 0;
  std::int64_t lifetime = 0;
  std::int64_t jobs = 0;        // charges not wholly refunded
  std::int64_t candidates = 0;  // credits charged net of refunds (one per candidate)
};

struct DailyUsage {
  std::string day;  // "2026-11-23"
  std::int64_t credits = 0;
  std::int64_t jobs = 0;
};

struct ChargeRequest {
  std::int64_t account_id = 0;
  std::int64_t agent_key_id = 0;  // 0: not an agent key; no key limits apply
  std::int64_t credits = 0;       // > 0
  std::string description;
  bool enforce_balance = false;  // refuse when the balance is below `credits`
  std::int64_t now_ms = 0;
};

// Why a charge was refused (billing/charge_policy.h decides), or kNone.
enum class ChargeRefusal {
  kNone,
  kInsufficientCredits,
  kDailyLimit,
  kMonthlyLimit,
  kLifetimeLimit
};

struct ChargeOutcome {
  using Refusal = ChargeRefusal;
  Refusal refusal = Refusal::kNone;
  std::int64_t entry_id = 0;  // the ledger entry (0 when refused)
  CreditBalance balance_before;
  std::int64_t balance_after = 0;
  // Agent key charges only: the key, its limits and its spend before and after this charge.
  std::string agent_key_name;
  SpendLimits limits;
  AgentKeySpend spend_before;
  AgentKeySpend spend_after;
};

struct RefundOutcome {
  std::int64_t account_id = 0;
  std::int64_t credits = 0;  // what was given back (0: nothing left to refund)
  std::int64_t balance_after = 0;
};

// Credits added in one transaction: a purchase and its bonus, or a grant.
struct CreditLine {
  std::string kind;  // "purchase", "bonus", "grant"
  std::int64_t credits = 0;
  std::string description;
};

struct CreditRequest {
  std::int64_t account_id = 0;
  std::vector<CreditLine> lines;
  std::string reference;          // a payment id: credited at most once; "" = no check
  std::string stripe_event_id;    // recorded as applied in the same transaction; "" = none
  std::int64_t amount_cents = 0;  // price paid (purchases), for the auto-reload threshold
  std::int64_t now_ms = 0;
};

struct CreditOutcome {
  bool applied = false;  // false: the reference or event was already credited; nothing changed
  std::int64_t balance_after = 0;
};

struct AutoReloadSettings {
  bool enabled = false;
  std::string pack = "pouch";
  std::string stripe_customer_id;        // "" until a checkout saved a card
  std::string stripe_payment_method_id;  // ""
  std::int64_t in_flight_since_ms = 0;   // a reload was started and not yet settled
  std::int64_t updated_at_ms = 0;
};

struct UsageWebhookConfig {
  std::string url;                  // "" = not configured
  std::vector<std::string> events;  // empty = every usage event
  int threshold_percent = 80;       // agent.usage_threshold_reached fires at this share of a limit
  std::int64_t updated_at_ms = 0;
};

// "2026-11-23" and "2026-11" for a UTC instant.
std::string UtcDay(std::int64_t epoch_ms);
std::string UtcMonth(std::int64_t epoch_ms);

}  // namespace shortlist::model
