#include "accounts/token_service.h"

#include "common/crypto.h"

namespace shortlist::accounts {

Result<IssuedToken> TokenService::Issue(std::int64_t account_id, const std::string& name) {
  // 160 random bits; "sl_" marks it as ours (secret scanners can match it).
  IssuedToken token;
  token.secret = "sl_" + RandomHex(20);
  auto created =
      store_.CreateToken(account_id, name, Sha256Hex(token.secret), token.secret.substr(0, 10));
  if (!created.ok()) return created.error();
  token.info = std::move(created).value();
  return token;
}

Result<model::Principal> TokenService::Authenticate(const std::string& token_hash) const {
  return store_.Authenticate(token_hash);
}

Result<std::vector<model::TokenInfo>> TokenService::List(std::int64_t account_id) const {
  return store_.ListTokens(account_id);
}

Result<int> TokenService::Revoke(const std::string& prefix, std::int64_t account_id) {
  return store_.RevokeTokens(prefix, account_id);
}

Result<std::string> TokenService::EnsureFirstAccount() {
  auto count = store_.CountAccounts();
  if (!count.ok()) return count.error();
  if (*count > 0) return std::string();
  auto account = store_.CreateAccount("default", "", model::Plan::kStandard);
  if (!account.ok()) return account.error();
  auto token = Issue(account->id, "first token");
  if (!token.ok()) return token.error();
  return token->secret;
}

}  // namespace shortlist::accounts
