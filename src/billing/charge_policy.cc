#include "billing/charge_policy.h"

namespace shortlist::billing {

ChargeRefusal DecideCharge(const ChargeFacts& f) {
  auto exceeds = [&](const SpendWindow& w) { return w.limit && w.spent + f.credits > *w.limit; };
  if (exceeds(f.daily)) return ChargeRefusal::kDailyLimit;
  if (exceeds(f.monthly)) return ChargeRefusal::kMonthlyLimit;
  if (exceeds(f.lifetime)) return ChargeRefusal::kLifetimeLimit;
  if (f.enforce_balance && f.balance < f.credits) return ChargeRefusal::kInsufficientCredits;
  return ChargeRefusal::kNone;
}

}  // namespace shortlist::billing
