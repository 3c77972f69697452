#include "billing/packs.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace shortlist::billing {

const std::vector<CreditPack>& CreditPacks() {
  static const std::vector<CreditPack> packs = {
      {"pouch", "Pouch", 500, 500, 0},
      {"satchel", "Satchel", 2500, 2500, 250},
      {"chest", "Chest", 10000, 10000, 2000},
  };
  return packs;
}

std::optional<CreditPack> FindPack(std::string_view id_or_name) {
  for (const auto& p : CreditPacks()) {
    if (p.id.size() == id_or_name.size() &&
        std::equal(p.id.begin(), p.id.end(), id_or_name.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      return p;
    }
  }
  return std::nullopt;
}

std::int64_t CreditsFromDollars(double dollars) {
  return static_cast<std::int64_t>(std::llround(dollars * 100.0));
}

std::string FormatDollars(std::int64_t credits) {
  std::int64_t abs = credits < 0 ? -credits : credits;
  std::string cents = std::to_string(abs % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return std::string(credits < 0 ? "-$" : "$") + std::to_string(abs / 100) + "." + cents;
}

std::int64_t LowBalanceThreshold(std::int64_t largest_purchase_cents) {
  return std::max<std::int64_t>(100, largest_purchase_cents * 5 / 100);
}

}  // namespace shortlist::billing
