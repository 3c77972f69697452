// The durable side of billing: the credit ledger, balances, agent keys and their spend, the
// auto-reload settings, the usage-webhook configuration and the Stripe events already applied.
// Database-neutral: SQLite implements it (sqlite_billing_store.cc), PostgreSQL too
// (pg_billing_store.cc, pg_billing_ledger.cc, pg_agent_key_store.cc); database.h opens either.
//
// Money is counted in credits (1 credit = $0.01 = 1 US cent), always as integers.
//
// Invariants the implementation keeps, each inside one write transaction:
//  - every change of a balance is a ledger entry whose balance_after is the balance once it
//    applied, so the ledger read in id order is a running balance;
//  - a charge checks the agent key's daily, monthly and lifetime limits (always) and the balance
//    (when asked to) before it writes, so concurrent charges never overdraw either;
//  - a payment reference (Stripe session or PaymentIntent id) and a Stripe event id credit at
//    most once.
// Spend periods are UTC calendar days ("2026-11-23") and months ("2026-11") of the charge.
//
// Thread-safe; other processes (the CLI granting credits) may write the same database.
// Errors: "not_found" (also for another account's agent key), "storage".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/account.h"

namespace shortlist::store {

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

struct ChargeOutcome {
  enum class Refusal { kNone, kInsufficientCredits, kDailyLimit, kMonthlyLimit, kLifetimeLimit };
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

class BillingStore {
 public:
  virtual ~BillingStore() = default;

  // --- balance and ledger ---
  // An account with no ledger yet has a zero balance.
  virtual Result<CreditBalance> GetBalance(std::int64_t account_id) = 0;
  // Checks and writes in one transaction; a refusal is an outcome (nothing written), not an
  // error. Charging a revoked or foreign agent key is "not_found".
  virtual Result<ChargeOutcome> Charge(const ChargeRequest& request) = 0;
  virtual Status AttachJob(std::int64_t charge_id, std::int64_t job_id) = 0;
  // Gives back up to `credits` of the job's charges (capped at what is left unrefunded), to the
  // balance and to the agent key's spend in the periods of the original charge. "not_found"
  // when the job has no charge.
  virtual Result<RefundOutcome> RefundJob(std::int64_t job_id, std::int64_t credits,
                                          const std::string& reason, std::int64_t now_ms) = 0;
  // Gives back whatever is left of one charge; the charge no longer counts as a job.
  virtual Result<RefundOutcome> RefundCharge(std::int64_t charge_id, const std::string& reason,
                                             std::int64_t now_ms) = 0;
  virtual Result<CreditOutcome> AddCredits(const CreditRequest& request) = 0;
  // Newest first; `total` receives the count before paging.
  virtual Result<std::vector<LedgerEntry>> ListLedger(std::int64_t account_id,
                                                      const LedgerFilter& filter, int* total) = 0;

  // --- agent keys (only the key's SHA-256 is stored) ---
  virtual Result<AgentKeyRecord> CreateAgentKey(const AgentKeyRecord& key,
                                                const std::string& key_hash) = 0;
  virtual Result<AgentKeyRecord> GetAgentKey(std::int64_t account_id, std::int64_t key_id) = 0;
  // Newest first, revoked ones included.
  virtual Result<std::vector<AgentKeyRecord>> ListAgentKeys(std::int64_t account_id) = 0;
  // Replaces name, permissions and limits. A revoked key cannot be changed ("conflict").
  virtual Result<AgentKeyRecord> UpdateAgentKey(const AgentKeyRecord& key, std::int64_t now_ms) = 0;
  // A new hash and prefix: the old value stops working when this returns.
  virtual Result<AgentKeyRecord> RotateAgentKey(std::int64_t account_id, std::int64_t key_id,
                                                const std::string& new_hash,
                                                const std::string& new_prefix,
                                                std::int64_t now_ms) = 0;
  virtual Result<AgentKeyRecord> RevokeAgentKey(std::int64_t account_id, std::int64_t key_id,
                                                std::int64_t now_ms) = 0;
  // The account and the live key whose hash is `key_hash` (compared in constant time); updates
  // last_used (at most once a minute). "not_found" for an unknown or revoked key.
  virtual Result<std::pair<model::Account, AgentKeyRecord>> AuthenticateAgentKey(
      const std::string& key_hash, std::int64_t now_ms) = 0;
  virtual Result<AgentKeySpend> GetAgentKeySpend(std::int64_t key_id, std::int64_t now_ms) = 0;
  // Spend per UTC day since `since_day` (inclusive), oldest first; days without spend left out.
  virtual Result<std::vector<DailyUsage>> ListAgentKeyDailyUsage(std::int64_t key_id,
                                                                 const std::string& since_day) = 0;

  // --- auto-reload ---
  virtual Result<AutoReloadSettings> GetAutoReload(std::int64_t account_id) = 0;
  virtual Status SetAutoReload(std::int64_t account_id, bool enabled, const std::string& pack,
                               std::int64_t now_ms) = 0;
  // Remembers the card a checkout saved for later off-session charges.
  virtual Status SaveReloadPaymentMethod(std::int64_t account_id, const std::string& customer_id,
                                         const std::string& payment_method_id,
                                         std::int64_t now_ms) = 0;
  // Atomically claims the right to start one reload: true when auto-reload is enabled with a
  // saved card, the balance is below `threshold_credits`, and no reload started after
  // `stale_before_ms` is still unsettled. A successful claim marks a reload in flight.
  virtual Result<bool> ClaimReload(std::int64_t account_id, std::int64_t threshold_credits,
                                   std::int64_t stale_before_ms, std::int64_t now_ms) = 0;
  // Settles the reload in flight (paid, failed or abandoned).
  virtual Status SettleReload(std::int64_t account_id) = 0;

  // --- Stripe events that change no balance (e.g. a saved card) ---
  // Records the event id; false when it was recorded before (apply the event only on true).
  virtual Result<bool> RecordStripeEvent(const std::string& event_id, std::int64_t now_ms) = 0;

  // --- usage webhooks ---
  virtual Result<UsageWebhookConfig> GetUsageWebhook(std::int64_t account_id) = 0;
  virtual Status SetUsageWebhook(std::int64_t account_id, const UsageWebhookConfig& config) = 0;
};

// Opens the billing tables in the SQLite database at `path` (creating them if missing). The
// accounts table (store/sqlite_schema.h) must be in the same database.
Result<std::unique_ptr<BillingStore>> OpenSqliteBillingStore(const std::string& path);
// The same tables in PostgreSQL at `url`, shared by every server process.
Result<std::unique_ptr<BillingStore>> OpenPostgresBillingStore(const std::string& url);

}  // namespace shortlist::store
