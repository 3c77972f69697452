// API tokens: issuing (shown once, stored as a hash), authenticating, listing and revoking.
// The server's dispatcher needs only Authenticate; the token routes and `shortlist token` the
// rest. One place makes tokens, so the CLI's and the API's have one format.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/account.h"
#include "store/store.h"

namespace shortlist::accounts {

struct IssuedToken {
  std::string secret;     // "sl_" + 160 random bits in hex: shown to its owner once, never kept
  model::TokenInfo info;  // what is kept: the hash's row, with the secret's prefix
};

class TokenService {
 public:
  // `store` must outlive the service.
  explicit TokenService(store::Store& store) : store_(store) {}

  Result<IssuedToken> Issue(std::int64_t account_id, const std::string& name);
  // The account behind the live token whose SHA-256 hex is `token_hash`; "not_found" otherwise.
  Result<model::Principal> Authenticate(const std::string& token_hash) const;
  Result<std::vector<model::TokenInfo>> List(std::int64_t account_id) const;
  // Revokes the account's live tokens whose prefix (or hash) is `prefix`; returns how many.
  // store::Store::kAnyAccount acts on every account (the operator's CLI).
  Result<int> Revoke(const std::string& prefix, std::int64_t account_id);

  // On a database without accounts: the account "default" and its first token's secret, so a
  // newcomer can call the API at once. "" when accounts exist already.
  Result<std::string> EnsureFirstAccount();

 private:
  store::Store& store_;
};

}  // namespace shortlist::accounts
