// Inside the store (not a public header): the table groups, each written once over store/sql.h,
// as database.cc's openers make them, and what one group writes inside a transaction another
// group opened.
#pragma once

#include <memory>
#include <string>

#include "common/shared_counter.h"
#include "store/billing_store.h"
#include "store/idempotency_store.h"
#include "store/sql.h"
#include "store/store.h"
#include "store/webhook_store.h"

namespace shortlist::store {

inline Error NotFound(const std::string& what) {
  return Error::Make("not_found", what + " not found");
}

// sql_store.cc. `epoch` (may be null) lets tokens be cached until a credential is revoked on
// this machine; `sole_server` is Sharing's answer (database.h).
std::unique_ptr<Store> NewSqlStore(std::shared_ptr<sql::Database> db,
                                   std::unique_ptr<SharedCounter> epoch, bool sole_server);
std::unique_ptr<WebhookStore> NewSqlWebhookStore(std::shared_ptr<sql::Database> db);
std::unique_ptr<BillingStore> NewSqlBillingStore(std::shared_ptr<sql::Database> db);
std::unique_ptr<IdempotencyStore> NewSqlIdempotencyStore(std::shared_ptr<sql::Database> db);

// The outbox, in `tx`: records `deliveries` as pending, each due at its created_at_ms; one whose
// non-empty dedupe key its account used before records nothing.
void EnqueueDeliveries(sql::Transaction& tx, const std::vector<NewWebhookDelivery>& deliveries);

}  // namespace shortlist::store
