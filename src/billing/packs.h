// The credit packs a customer can buy (seeds/jobs-api-reference.txt, "Credit Packs") and how
// amounts are shown. One credit is $0.01, one candidate screened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::billing {

struct CreditPack {
  std::string id;    // "pouch", "satchel", "chest"
  std::string name;  // "Pouch", ...
  std::int64_t price_cents = 0;
  std::int64_t base_credits = 0;   // what the price buys at $0.01 a credit
  std::int64_t bonus_credits = 0;  // added on top
  std::int64_t credits() const { return base_credits + bonus_credits; }
  int bonus_percent() const {
    return base_credits ? static_cast<int>(bonus_credits * 100 / base_credits) : 0;
  }
};

// Pouch $5 / 500, Satchel $25 / 2,750 (+250), Chest $100 / 12,000 (+2,000), in that order.
const std::vector<CreditPack>& CreditPacks();
// By id or name, case-insensitive; nullopt when unknown.
std::optional<CreditPack> FindPack(std::string_view id_or_name);

// Credits (cents) as dollars: 2550 -> 25.5.
inline double Dollars(std::int64_t credits) { return static_cast<double>(credits) / 100.0; }
// Dollars to whole credits, rounded to the nearest cent: 5.00 -> 500.
std::int64_t CreditsFromDollars(double dollars);
// "$25.50", "-$0.20".
std::string FormatDollars(std::int64_t credits);

// The balance below which a balance is "low" and auto-reload buys: max($1, 5% of the price of
// the largest single purchase).
std::int64_t LowBalanceThreshold(std::int64_t largest_purchase_cents);

}  // namespace shortlist::billing
