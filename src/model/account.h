// Accounts, their plans and credentials, and the principal a request acts for. Plain structs
// that every layer shares: no behaviour beyond small predicates, no SQL, no HTTP.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::model {

enum class Plan { kStarter, kStandard, kPro, kEnterprise };
std::string_view ToString(Plan plan);
std::optional<Plan> ParsePlan(std::string_view name);

struct Account {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  Plan plan = Plan::kStandard;
  std::int64_t created_at_ms = 0;
};

struct TokenInfo {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::string prefix;  // the first characters of the token, shown in listings
  std::int64_t created_at_ms = 0;
  bool revoked = false;
};

// Who a request acts for: the account and the credential that proved it. A user token may do
// everything its account may; an agent key only what its permissions name ("read", "screen",
// "email") and within its spend limits.
struct Principal {
  Account account;
  std::int64_t token_id = 0;      // user tokens: the token's id; agent keys: 0
  std::int64_t agent_key_id = 0;  // 0 for a user token
  std::string agent_key_name;
  std::vector<std::string> permissions;  // agent keys only
  // Rate limits and usage are counted per credential: tokens by id, agent keys by a distinct key.
  std::int64_t RateKey() const { return agent_key_id ? -agent_key_id : token_id; }
  bool Allows(std::string_view permission) const {
    if (agent_key_id == 0 || permission.empty()) return true;
    for (const auto& p : permissions) {
      if (p == permission) return true;
    }
    return false;
  }
};

}  // namespace shortlist::model
