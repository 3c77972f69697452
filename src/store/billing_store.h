// The durable side of billing: the credit ledger, balances, agent keys and their spend, the
// auto-reload settings, the usage-webhook configuration and the Stripe events already applied.
// Written once over store/sql.h (sql_billing_store.cc) for SQLite and PostgreSQL; the records
// are model/billing.h's.
//
// Invariants the implementation keeps, each inside one write transaction:
//  - every change of a balance is a ledger entry whose balance_after is the balance once it
//    applied, so the ledger read in id order is a running balance;
//  - a charge reads the balance and the agent key's spend under the account's lock (SQLite:
//    the database's write lock), asks billing::DecideCharge (billing/charge_policy.h) and
//    writes only an accepted charge, so concurrent charges never overdraw either;
//  - a payment reference (Stripe session or PaymentIntent id) and a Stripe event id credit at
//    most once.
//
// Thread-safe; other processes (the CLI granting credits) may write the same database.
// Errors: "not_found" (also for another account's agent key), "storage".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "model/account.h"
#include "model/billing.h"
#include "model/webhook.h"

namespace shortlist::store {

// The records, by their store names too (model/billing.h).
using model::AgentKeyRecord;
using model::AgentKeySpend;
using model::AutoReloadSettings;
using model::ChargeOutcome;
using model::ChargeRefusal;
using model::ChargeRequest;
using model::CreditBalance;
using model::CreditLine;
using model::CreditOutcome;
using model::CreditRequest;
using model::DailyUsage;
using model::LedgerEntry;
using model::LedgerFilter;
using model::RefundOutcome;
using model::SpendLimits;
using model::UsageWebhookConfig;
using model::UtcDay;
using model::UtcMonth;

class BillingStore {
 public:
  virtual ~BillingStore() = default;

  // --- balance and ledger ---
  // An account with no ledger yet has a zero balance.
  virtual Result<CreditBalance> GetBalance(std::int64_t account_id) = 0;
  // Checks and writes in one transaction; a refusal is an outcome (nothing written), not an
  // error. Charging a revoked or foreign agent key is "not_found". `announce` (may be empty)
  // builds from the outcome, refused or not, usage events written in the same transaction.
  virtual Result<ChargeOutcome> Charge(const ChargeRequest& request,
                                       const model::OutboxFor<ChargeOutcome>& announce) = 0;
  Result<ChargeOutcome> Charge(const ChargeRequest& request) { return Charge(request, nullptr); }
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

// The billing tables in the SQLite database file at `path`, or in PostgreSQL at `url`.
Result<std::unique_ptr<BillingStore>> OpenSqliteBillingStore(const std::string& path);
Result<std::unique_ptr<BillingStore>> OpenPostgresBillingStore(const std::string& url);

}  // namespace shortlist::store
