// BillingService: the implementation of billing::Billing (what jobs and the dispatcher use) and
// the account-facing operations behind /api/v1/credits and /api/v1/agent-keys.
//
// Design note (concurrency). The service keeps no mutable state of its own: every decision about
// money is made inside one store transaction (store/billing_store.h), so any number of request
// threads, and other processes on the same database, may call it at once. Side effects that
// must not happen inside a transaction (publishing usage webhooks, calling Stripe for an
// auto-reload) run after the commit, each guarded so it happens once: webhook events through
// their dedupe keys, reloads through an in-flight claim in the store plus Stripe's
// Idempotency-Key.
//
// Enforcement. Agent key limits are always enforced. The account balance is enforced only when
// `enforce_balance` is set (serve --enforce-credits); otherwise charges are still written to the
// ledger (usage is recorded) and the balance may go negative, so a fresh self-hosted install
// screens without any billing set-up.
//
// Auto-reload runs in the request whose charge takes the balance below the threshold, after
// its commit; the job is accepted whatever Stripe answers. It needs a card saved by an earlier
// checkout made while auto-reload was on.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "billing/billing.h"
#include "billing/packs.h"
#include "billing/stripe_client.h"
#include "common/clock.h"
#include "common/task_pool.h"
#include "store/billing_store.h"
#include "webhooks/event_sink.h"

namespace shortlist::billing {

struct BillingOptions {
  // Refuse a job the balance cannot pay for (402). Off by default: see the note above.
  bool enforce_balance = false;
  // A reload claimed this long ago and never settled (no webhook came) may be tried again.
  std::int64_t reload_stale_after_ms = 15 * 60 * 1000;
};

struct NewAgentKey {
  store::AgentKeyRecord record;
  std::string key;  // the value itself: shown once, never stored
};

struct StripeWebhookResult {
  std::string event_id;
  std::string event_type;
  bool duplicate = false;     // this event (or its payment) was applied before
  std::int64_t credited = 0;  // credits added by this delivery
};

class BillingService : public Billing {
 public:
  // `store` and `clock` must outlive the service; `stripe` and `events` may be null (no
  // payments; no usage webhooks). Thread-safe.
  BillingService(store::BillingStore& store, const Clock& clock, BillingOptions options,
                 const StripeClient* stripe, webhooks::EventSink* events);

  // --- Billing ---
  Result<model::Principal> AuthenticateAgentKey(const std::string& key_hash) override;
  Result<Charge> ChargeForJob(const model::Principal& caller, int credits,
                              std::string_view description) override;
  Status AttachJob(std::int64_t charge_id, std::int64_t job_id) override;
  Status RefundJob(std::int64_t job_id, int credits, std::string_view reason) override;
  Status RefundCharge(std::int64_t charge_id, std::string_view reason) override;

  // --- credits ---
  bool enforce_balance() const { return options_.enforce_balance; }
  bool payments_configured() const { return stripe_ && stripe_->configured(); }
  // Adds `credits` (> 0) to the account's balance as a "grant" (administrators, the CLI).
  Result<store::CreditOutcome> Grant(std::int64_t account_id, std::int64_t credits,
                                     const std::string& note);
  // A Stripe Checkout Session for `pack`. Errors: "unavailable" when Stripe is not configured,
  // "stripe_error" / "stripe_unreachable".
  Result<CheckoutSession> Checkout(const model::Account& account, const CreditPack& pack,
                                   const std::string& success_url, const std::string& cancel_url);
  Status SetAutoReload(std::int64_t account_id, bool enabled, const std::string& pack_id);
  // Verifies the Stripe-Signature header against the webhook signing secret and applies the
  // event once. Errors: "bad_request" (signature or body), "unavailable" (no signing secret).
  Result<StripeWebhookResult> HandleStripeWebhook(std::string_view signature_header,
                                                  std::string_view payload);
  // Starts an auto-reload when the account qualifies (see BillingStore::ClaimReload); returns
  // true when a reload was started. Called after charges; public for tests and tools.
  bool MaybeAutoReload(std::int64_t account_id, std::int64_t threshold_credits);
  // From now on the Stripe call of an auto-reload runs on `pool` (the server's slow-request pool),
  // not in the request whose charge started it; when the pool is full the reload waits for the
  // next charge below the threshold. The pool must be drained before the service is destroyed.
  // Without one (tests, tools) the reload runs in the charging call.
  void RunReloadsOn(TaskPool* pool) { reload_pool_ = pool; }

  // --- agent keys ---
  Result<NewAgentKey> CreateAgentKey(std::int64_t account_id, const std::string& name,
                                     const std::vector<std::string>& permissions,
                                     const store::SpendLimits& limits);
  // A new value for the key; the old one stops working at once.
  Result<NewAgentKey> RegenerateAgentKey(std::int64_t account_id, std::int64_t key_id);

  // Reads and simple updates go straight to the store.
  store::BillingStore& store() { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  // The usage webhook deliveries that announce a charge's outcome (built through the event
  // sink, captured rather than written: the charge's transaction writes them).
  std::vector<model::NewWebhookDelivery> UsageDeliveries(const model::Principal& caller,
                                                         std::int64_t credits,
                                                         const store::ChargeOutcome& outcome,
                                                         const store::UsageWebhookConfig& config);
  Result<StripeWebhookResult> ApplyStripeEvent(const std::string& payload);

  store::BillingStore& store_;
  const Clock& clock_;
  const BillingOptions options_;
  const StripeClient* stripe_;
  webhooks::EventSink* events_;
  TaskPool* reload_pool_ = nullptr;
};

// "sl_agent_" followed by 160 random bits in hex.
std::string NewAgentKeyValue();
// The part of a key shown in listings ("sl_agent_1a2b3c").
std::string AgentKeyPrefix(const std::string& key);

}  // namespace shortlist::billing
