// Inside the PostgreSQL BillingStore (not a public header): the class, whose methods live in
// three files by table group, and the row helpers they share.
//   pg_billing_ledger.cc    balances, ledger, charges, refunds, credits (the money)
//   pg_agent_key_store.cc   agent keys and their spend
//   pg_billing_store.cc     auto-reload, Stripe events, usage webhooks, opening the store
//
// Concurrency (the PostgreSQL form of sqlite_billing_store.cc's BEGIN IMMEDIATE): a transaction
// that changes an account's money locks the account's credit_balances row first (LockBalance,
// SELECT ... FOR UPDATE, creating the row if it is missing), and only then reads the balance,
// an agent key's spend or a charge's refunded amount. Every writer of those takes the same
// lock, so within one account "read, decide, write" runs one transaction at a time in every
// process, and concurrent charges never overdraw the balance or a key's limits (a key belongs
// to one account). Only that one row lock is waited for after other work, so there is no
// lock-order cycle (the stripe_events / credit_payments inserts of AddCredits come before it and
// are never taken by a transaction holding a balance lock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/billing_store.h"
#include "store/pg_db.h"
#include "store/pg_pool.h"

namespace shortlist::store::pg_billing {

inline constexpr const char* kKeyColumns =
    "id, account_id, name, prefix, permissions, daily_limit, monthly_limit, lifetime_limit, "
    "created_at, updated_at, last_used_at, revoked_at";

Error NotFound(const std::string& what);
std::string JoinComma(const std::vector<std::string>& items);
std::vector<std::string> SplitComma(const std::string& s);
// The key in `row` of a result whose first columns are kKeyColumns.
AgentKeyRecord ReadKey(const PgResult& r, int row);
// The key's spend in the periods of `now`, its jobs and its candidates.
AgentKeySpend ReadKeySpend(PgConnection& db, std::int64_t key_id, std::int64_t now_ms);
// The key of `account_id` (revoked or not); "not_found" otherwise. `for_update` locks the row
// (inside a transaction) so a concurrent revoke waits.
Result<AgentKeyRecord> ReadKeyOf(PgConnection& db, std::int64_t account_id, std::int64_t key_id,
                                 bool for_update = false);

class PgBillingStore : public BillingStore {
 public:
  explicit PgBillingStore(const std::string& url);

  // pg_billing_ledger.cc
  Result<CreditBalance> GetBalance(std::int64_t account_id) override;
  Result<ChargeOutcome> Charge(const ChargeRequest& request) override;
  Status AttachJob(std::int64_t charge_id, std::int64_t job_id) override;
  Result<RefundOutcome> RefundJob(std::int64_t job_id, std::int64_t credits,
                                  const std::string& reason, std::int64_t now_ms) override;
  Result<RefundOutcome> RefundCharge(std::int64_t charge_id, const std::string& reason,
                                     std::int64_t now_ms) override;
  Result<CreditOutcome> AddCredits(const CreditRequest& request) override;
  Result<std::vector<LedgerEntry>> ListLedger(std::int64_t account_id, const LedgerFilter& filter,
                                              int* total) override;

  // pg_agent_key_store.cc
  Result<AgentKeyRecord> CreateAgentKey(const AgentKeyRecord& key,
                                        const std::string& key_hash) override;
  Result<AgentKeyRecord> GetAgentKey(std::int64_t account_id, std::int64_t key_id) override;
  Result<std::vector<AgentKeyRecord>> ListAgentKeys(std::int64_t account_id) override;
  Result<AgentKeyRecord> UpdateAgentKey(const AgentKeyRecord& key, std::int64_t now_ms) override;
  Result<AgentKeyRecord> RotateAgentKey(std::int64_t account_id, std::int64_t key_id,
                                        const std::string& new_hash, const std::string& new_prefix,
                                        std::int64_t now_ms) override;
  Result<AgentKeyRecord> RevokeAgentKey(std::int64_t account_id, std::int64_t key_id,
                                        std::int64_t now_ms) override;
  Result<std::pair<model::Account, AgentKeyRecord>> AuthenticateAgentKey(
      const std::string& key_hash, std::int64_t now_ms) override;
  Result<AgentKeySpend> GetAgentKeySpend(std::int64_t key_id, std::int64_t now_ms) override;
  Result<std::vector<DailyUsage>> ListAgentKeyDailyUsage(std::int64_t key_id,
                                                         const std::string& since_day) override;

  // pg_billing_store.cc
  Result<AutoReloadSettings> GetAutoReload(std::int64_t account_id) override;
  Status SetAutoReload(std::int64_t account_id, bool enabled, const std::string& pack,
                       std::int64_t now_ms) override;
  Status SaveReloadPaymentMethod(std::int64_t account_id, const std::string& customer_id,
                                 const std::string& payment_method_id,
                                 std::int64_t now_ms) override;
  Result<bool> ClaimReload(std::int64_t account_id, std::int64_t threshold_credits,
                           std::int64_t stale_before_ms, std::int64_t now_ms) override;
  Status SettleReload(std::int64_t account_id) override;
  Result<bool> RecordStripeEvent(const std::string& event_id, std::int64_t now_ms) override;
  Result<UsageWebhookConfig> GetUsageWebhook(std::int64_t account_id) override;
  Status SetUsageWebhook(std::int64_t account_id, const UsageWebhookConfig& config) override;

 private:
  PgPool pool_;
};

}  // namespace shortlist::store::pg_billing
