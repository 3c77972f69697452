#include "cli/token_command.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "accounts/token_service.h"
#include "common/crypto.h"

namespace shortlist::cli {
namespace {

int TokenCreate(const DataLocation& data_dir, const std::string& account_name,
                const std::string& plan_name, const std::string& email,
                const std::string& token_name) {
  auto plan = model::ParsePlan(plan_name);
  if (!plan) {
    std::cerr << "shortlist: --plan must be starter, standard, pro or enterprise\n";
    return 2;
  }
  auto store = OpenDataDir(data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  auto account = (*store)->FindAccountByName(account_name);
  if (!account.ok() && account.error().code == "not_found") {
    account = (*store)->CreateAccount(account_name, email, *plan);
    if (account.ok())
      std::cerr << "Created account '" << account_name << "' (" << plan_name << ")\n";
  }
  if (!account.ok()) {
    std::cerr << "shortlist: " << account.error().message << "\n";
    return 1;
  }
  auto token = accounts::TokenService(**store).Issue(account->id, token_name);
  if (!token.ok()) {
    std::cerr << "shortlist: " << token.error().message << "\n";
    return 1;
  }
  std::cout << token->secret << "\n";
  return 0;
}

int TokenRevoke(const DataLocation& data_dir, const std::string& token_or_prefix) {
  auto store = OpenDataDir(data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  // A whole token is matched by its hash; a listed prefix (sl_xxxxxxx) by the prefix.
  std::string key = token_or_prefix.size() > 10 ? Sha256Hex(token_or_prefix) : token_or_prefix;
  auto revoked = (*store)->RevokeTokens(key, store::Store::kAnyAccount);
  if (!revoked.ok()) {
    std::cerr << "shortlist: " << revoked.error().message << "\n";
    return 1;
  }
  if (*revoked == 0) {
    std::cerr << "shortlist: no live token matches '" << token_or_prefix.substr(0, 10) << "'\n";
    return 1;
  }
  std::cout << "Revoked " << *revoked << " token(s).\n";
  return 0;
}

int TokenList(const DataLocation& data_dir, const std::string& account_name) {
  auto store = OpenDataDir(data_dir);
  if (!store.ok()) {
    std::cerr << "shortlist: " << store.error().message << "\n";
    return 1;
  }
  auto account = (*store)->FindAccountByName(account_name);
  if (!account.ok()) {
    std::cerr << "shortlist: " << account.error().message << "\n";
    return 1;
  }
  auto tokens = (*store)->ListTokens(account->id);
  if (!tokens.ok()) {
    std::cerr << "shortlist: " << tokens.error().message << "\n";
    return 1;
  }
  for (const auto& t : *tokens) {
    std::cout << t.prefix << "…  " << (t.revoked ? "revoked" : "live   ") << "  " << t.name << "\n";
  }
  return 0;
}

}  // namespace

std::function<std::optional<int>()> AddTokenCommand(CLI::App& app, DataLocation* data_dir,
                                                    const LocationFlags& add_location) {
  auto* token_cmd = app.add_subcommand("token", "manage API tokens");
  token_cmd->require_subcommand(1);
  struct Args {
    std::string account = "default", plan = "standard", email, token_name = "cli", target;
  };
  auto args = std::make_shared<Args>();
  auto* create = token_cmd->add_subcommand("create", "create a token (and the account if new)");
  add_location(create);
  create->add_option("--account", args->account, "account name")->required();
  create->add_option("--plan", args->plan, "starter|standard|pro|enterprise (new accounts)");
  create->add_option("--email", args->email, "account e-mail (new accounts)");
  create->add_option("--name", args->token_name, "a label for the token");
  auto* revoke = token_cmd->add_subcommand("revoke", "revoke a token at once");
  add_location(revoke);
  revoke->add_option("token", args->target, "the token, or its listed prefix")->required();
  auto* list = token_cmd->add_subcommand("list", "list an account's tokens");
  add_location(list);
  list->add_option("--account", args->account, "account name");
  return [=]() -> std::optional<int> {
    const Args& a = *args;
    if (create->parsed()) return TokenCreate(*data_dir, a.account, a.plan, a.email, a.token_name);
    if (revoke->parsed()) return TokenRevoke(*data_dir, a.target);
    if (list->parsed()) return TokenList(*data_dir, a.account);
    return std::nullopt;
  };
}

}  // namespace shortlist::cli
