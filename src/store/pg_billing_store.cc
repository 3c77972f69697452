// The PostgreSQL BillingStore, twin of sqlite_billing_store.cc: opening it, and the settings
// around the money (auto-reload, Stripe events that credit nothing, usage webhooks). The money
// itself is in pg_billing_ledger.cc and the agent keys in pg_agent_key_store.cc; the locking
// that keeps it right across server processes is described in pg_billing_store_impl.h.
#include <utility>

#include "store/pg_billing_schema.h"
#include "store/pg_billing_store_impl.h"

namespace shortlist::store {
namespace pg_billing {

PgBillingStore::PgBillingStore(const std::string& url) : pool_(url, kPgBillingSchema) {}

Result<AutoReloadSettings> PgBillingStore::GetAutoReload(std::int64_t account_id) {
  return pool_.Run([&](PgConnection& db) -> Result<AutoReloadSettings> {
    auto r = db.Query(
        "SELECT enabled, pack, customer_id, payment_method_id, in_flight_since, updated_at "
        "FROM credit_auto_reload WHERE account_id = $1",
        PgParams().Add(account_id));
    AutoReloadSettings s;
    if (!r.empty()) {
      s.enabled = r.Bool(0, 0);
      s.pack = r.Text(0, 1);
      s.stripe_customer_id = r.Text(0, 2);
      s.stripe_payment_method_id = r.Text(0, 3);
      s.in_flight_since_ms = r.Int(0, 4);
      s.updated_at_ms = r.Int(0, 5);
    }
    return s;
  });
}

Status PgBillingStore::SetAutoReload(std::int64_t account_id, bool enabled, const std::string& pack,
                                     std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Status {
    db.Query(
        "INSERT INTO credit_auto_reload(account_id, enabled, pack, updated_at) "
        "VALUES($1, $2, $3, $4) ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, "
        "pack = excluded.pack, updated_at = excluded.updated_at",
        PgParams().Add(account_id).Add(enabled).Add(pack).Add(now_ms));
    return OkStatus();
  });
}

Status PgBillingStore::SaveReloadPaymentMethod(std::int64_t account_id,
                                               const std::string& customer_id,
                                               const std::string& payment_method_id,
                                               std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Status {
    db.Query(
        "INSERT INTO credit_auto_reload(account_id, customer_id, payment_method_id, updated_at) "
        "VALUES($1, $2, $3, $4) ON CONFLICT(account_id) DO UPDATE SET "
        "customer_id = excluded.customer_id, payment_method_id = excluded.payment_method_id, "
        "updated_at = excluded.updated_at",
        PgParams().Add(account_id).Add(customer_id).Add(payment_method_id).Add(now_ms));
    return OkStatus();
  });
}

Result<bool> PgBillingStore::ClaimReload(std::int64_t account_id, std::int64_t threshold_credits,
                                         std::int64_t stale_before_ms, std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<bool> {
    PgTransaction tx(db);
    auto balance = db.Query("SELECT credits FROM credit_balances WHERE account_id = $1",
                            PgParams().Add(account_id));
    if ((balance.empty() ? 0 : balance.Int(0, 0)) >= threshold_credits) return false;
    // The claim is this one guarded UPDATE: a second claimer in another process waits for the
    // row, then re-checks in_flight_since against the committed claim and changes nothing.
    auto claimed = db.Query(
        "UPDATE credit_auto_reload SET in_flight_since = $1 WHERE account_id = $2 AND "
        "enabled AND payment_method_id != '' AND customer_id != '' AND in_flight_since < $3",
        PgParams().Add(now_ms).Add(account_id).Add(stale_before_ms));
    tx.Commit();
    return claimed.affected() > 0;
  });
}

Status PgBillingStore::SettleReload(std::int64_t account_id) {
  return pool_.Run([&](PgConnection& db) -> Status {
    db.Query("UPDATE credit_auto_reload SET in_flight_since = 0 WHERE account_id = $1",
             PgParams().Add(account_id));
    return OkStatus();
  });
}

Result<bool> PgBillingStore::RecordStripeEvent(const std::string& event_id, std::int64_t now_ms) {
  return pool_.Run([&](PgConnection& db) -> Result<bool> {
    auto inserted = db.Query(
        "INSERT INTO stripe_events(event_id, processed_at) VALUES($1, $2) "
        "ON CONFLICT(event_id) DO NOTHING",
        PgParams().Add(event_id).Add(now_ms));
    return inserted.affected() > 0;
  });
}

Result<UsageWebhookConfig> PgBillingStore::GetUsageWebhook(std::int64_t account_id) {
  return pool_.Run([&](PgConnection& db) -> Result<UsageWebhookConfig> {
    auto r = db.Query(
        "SELECT url, events, threshold_percent, updated_at FROM usage_webhooks "
        "WHERE account_id = $1",
        PgParams().Add(account_id));
    UsageWebhookConfig c;
    if (!r.empty()) {
      c.url = r.Text(0, 0);
      c.events = SplitComma(r.Text(0, 1));
      c.threshold_percent = static_cast<int>(r.Int(0, 2));
      c.updated_at_ms = r.Int(0, 3);
    }
    return c;
  });
}

Status PgBillingStore::SetUsageWebhook(std::int64_t account_id, const UsageWebhookConfig& c) {
  return pool_.Run([&](PgConnection& db) -> Status {
    db.Query(
        "INSERT INTO usage_webhooks(account_id, url, events, threshold_percent, updated_at) "
        "VALUES($1, $2, $3, $4, $5) ON CONFLICT(account_id) DO UPDATE SET url = excluded.url, "
        "events = excluded.events, threshold_percent = excluded.threshold_percent, "
        "updated_at = excluded.updated_at",
        PgParams()
            .Add(account_id)
            .Add(c.url)
            .Add(JoinComma(c.events))
            .Add(c.threshold_percent)
            .Add(c.updated_at_ms));
    return OkStatus();
  });
}

}  // namespace pg_billing

Result<std::unique_ptr<BillingStore>> OpenPostgresBillingStore(const std::string& url) {
  try {
    return std::unique_ptr<BillingStore>(std::make_unique<pg_billing::PgBillingStore>(url));
  } catch (const PgError& e) {
    return Error::Make("storage", std::string("cannot open billing tables: ") + e.what());
  }
}

}  // namespace shortlist::store
