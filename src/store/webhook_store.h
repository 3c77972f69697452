// The webhook outbox as the store keeps it: one row per event to deliver (a "delivery": the exact
// body, the URL, its state), one row per attempt to send it, and each account's signing secret.
//
// Life of a delivery: Enqueue writes it `pending`, due at once. A dispatcher Claims due
// deliveries under a lease (owner + expiry), so two dispatchers (two threads, a second process,
// or a restarted one while the old lease lasts) never send the same delivery at the same time.
// After sending, CompleteAttempt records the attempt and, in the same transaction, moves the
// delivery to `delivered`, `failed`, or back to `pending` with the next attempt time, clearing
// the lease. A dispatcher that dies mid-send leaves its lease; once it expires the delivery is
// claimable again (at-least-once delivery: receivers deduplicate by the delivery's public id).
//
// Tenant isolation: every read for the API takes the account id; another account's delivery is
// "not_found", like a missing one.
//
// Written once over store/sql.h (sql_webhook_store.cc) for SQLite and PostgreSQL. Other table
// groups write deliveries in their own transactions (OutboxFor: a transactional outbox).
// Thread-safe. Errors: "not_found", "conflict" (the lease is no longer the caller's), "storage".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/webhook.h"

namespace shortlist::store {

// The records, by their store names too (model/webhook.h).
using model::AttemptOutcome;
using model::DeliveryFilter;
using model::DeliveryState;
using model::NewWebhookDelivery;
using model::OutboxFor;
using model::ParseDeliveryState;
using model::ToString;
using model::WebhookAttempt;
using model::WebhookDelivery;

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  // Records a pending delivery, due at created_at_ms. Returns false (and records nothing) when
  // the account already has a delivery with the same non-empty dedupe_key.
  virtual Result<bool> Enqueue(const NewWebhookDelivery& delivery) = 0;

  // Leases up to `limit` pending deliveries that are due (next_attempt_at <= now) and not leased
  // by anyone (or whose lease expired), oldest due first, to `owner` until now + lease_ms.
  virtual Result<std::vector<WebhookDelivery>> ClaimDue(const std::string& owner,
                                                        std::int64_t now_ms, std::int64_t lease_ms,
                                                        int limit) = 0;
  // Records the attempt and the delivery's next state, and clears the lease, in one transaction.
  // "conflict" (nothing written) when `owner` no longer holds the delivery's lease.
  virtual Status CompleteAttempt(std::int64_t delivery_id, const std::string& owner,
                                 const AttemptOutcome& outcome, std::int64_t now_ms) = 0;
  // Gives back every lease `owner` holds (a graceful stop), so others may claim at once.
  virtual Status ReleaseLeases(const std::string& owner) = 0;
  // When the earliest pending delivery becomes claimable (max of due time and lease expiry), or
  // nullopt when nothing is pending.
  virtual Result<std::optional<std::int64_t>> NextDueAt() = 0;

  // --- as the API sees them (per account) ---
  // Newest first. `total` receives the count before paging.
  virtual Result<std::vector<WebhookDelivery>> ListDeliveries(std::int64_t account_id,
                                                              const DeliveryFilter& filter,
                                                              int* total) = 0;
  virtual Result<WebhookDelivery> GetDelivery(std::int64_t account_id,
                                              const std::string& public_id) = 0;
  // The delivery's attempts, first first. Callers pass an id they read for the account.
  virtual Result<std::vector<WebhookAttempt>> ListAttempts(std::int64_t delivery_id) = 0;

  // --- per-account signing secret ---
  // The account's secret; "not_found" when it has none yet.
  virtual Result<std::string> GetSecret(std::int64_t account_id) = 0;
  // The account's secret, storing `candidate` first when it has none (so concurrent first uses
  // agree on one secret).
  virtual Result<std::string> GetOrCreateSecret(std::int64_t account_id,
                                                const std::string& candidate,
                                                std::int64_t now_ms) = 0;
  // Replaces the account's secret with `secret`; later attempts (retries too) sign with it.
  virtual Status SetSecret(std::int64_t account_id, const std::string& secret,
                           std::int64_t now_ms) = 0;
};

// The outbox in the SQLite database file at `path`, or in PostgreSQL at `url`.
Result<std::unique_ptr<WebhookStore>> OpenSqliteWebhookStore(const std::string& path);
Result<std::unique_ptr<WebhookStore>> OpenPostgresWebhookStore(const std::string& url);

}  // namespace shortlist::store
