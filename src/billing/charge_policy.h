// Whether a charge may be taken: the spend-limit and overdraw rule, as a pure function of what
// the charge transaction read. The store (store/billing_store.h, Charge) reads the balance, the
// agent key's limits and its spend under the account's lock, asks DecideCharge, and writes only
// an accepted charge before it commits, so concurrent charges never overdraw either.
//
// A library of its own (shortlist_charge_policy) that depends on nothing but model's records, so
// the store below billing can call it.
#pragma once

#include <cstdint>
#include <optional>

#include "model/billing.h"

namespace shortlist::billing {

using model::ChargeRefusal;

// An agent key's limit for one period (nullopt = none) and what the key spent in it already.
struct SpendWindow {
  std::optional<std::int64_t> limit;
  std::int64_t spent = 0;
};

struct ChargeFacts {
  std::int64_t credits = 0;              // the charge (> 0)
  bool enforce_balance = false;          // the server's --enforce-credits
  std::int64_t balance = 0;              // before the charge
  SpendWindow daily, monthly, lifetime;  // all without a limit for a user token
};

// Agent key limits first, whether or not the balance is enforced (daily, then monthly, then
// lifetime: the first one the charge would exceed); then the balance, when enforced. Reaching a
// limit or the balance exactly is allowed.
ChargeRefusal DecideCharge(const ChargeFacts& facts);

}  // namespace shortlist::billing
