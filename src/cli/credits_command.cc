#include "cli/credits_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "billing/billing_service.h"
#include "billing/packs.h"
#include "cli/options.h"
#include "common/clock.h"
#include "store/database.h"

namespace shortlist::cli {
namespace {

struct CreditsArgs {
  std::string account;
  std::int64_t credits = 0;
  std::string note;
};

// Opens the account's store and billing tables; prints the error and returns 1 on failure.
int WithAccount(const DataLocation& data_dir, const std::string& account_name,
                const std::function<int(store::BillingStore&, const model::Account&)>& f) {
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
  auto billing = store::OpenBillingStore(*DatabaseLocation(data_dir));
  if (!billing.ok()) {
    std::cerr << "shortlist: " << billing.error().message << "\n";
    return 1;
  }
  return f(**billing, *account);
}

int Grant(const DataLocation& data_dir, const CreditsArgs& args) {
  return WithAccount(data_dir, args.account, [&](store::BillingStore& db, const model::Account& a) {
    billing::BillingService service(db, SystemClock(), {}, nullptr, nullptr);
    auto granted = service.Grant(a.id, args.credits, args.note);
    if (!granted.ok()) {
      std::cerr << "shortlist: " << granted.error().message << "\n";
      return 1;
    }
    std::cout << "Granted " << args.credits << " credits (" << billing::FormatDollars(args.credits)
              << ") to '" << a.name << "'. Balance: " << granted->balance_after << " credits ("
              << billing::FormatDollars(granted->balance_after) << ").\n";
    return 0;
  });
}

int Balance(const DataLocation& data_dir, const CreditsArgs& args) {
  return WithAccount(data_dir, args.account, [&](store::BillingStore& db, const model::Account& a) {
    auto balance = db.GetBalance(a.id);
    if (!balance.ok()) {
      std::cerr << "shortlist: " << balance.error().message << "\n";
      return 1;
    }
    std::cout << a.name << ": " << balance->credits << " credits ("
              << billing::FormatDollars(balance->credits) << ")\n";
    return 0;
  });
}

}  // namespace

std::function<std::optional<int>()> AddCreditsCommand(CLI::App& app, DataLocation* data_dir) {
  auto args = std::make_shared<CreditsArgs>();
  auto* credits = app.add_subcommand("credits", "prepaid credits: grant, balance");
  credits->require_subcommand(1);
  auto* grant = credits->add_subcommand("grant", "add credits to an account (1 credit = $0.01)");
  grant->add_option("--data-dir", data_dir->data_dir, "data directory (env SHORTLIST_DATA_DIR)");
  grant->add_option("--database", data_dir->database, "postgresql:// URL (env SHORTLIST_DATABASE)");
  grant->add_option("--account", args->account, "account name")->required();
  grant->add_option("--credits", args->credits, "how many credits to add")
      ->required()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000000}));
  grant->add_option("--note", args->note, "the ledger entry's description");
  auto* balance = credits->add_subcommand("balance", "print an account's credit balance");
  balance->add_option("--data-dir", data_dir->data_dir, "data directory (env SHORTLIST_DATA_DIR)");
  balance->add_option("--database", data_dir->database,
                      "postgresql:// URL (env SHORTLIST_DATABASE)");
  balance->add_option("--account", args->account, "account name")->required();
  return [grant, balance, args, data_dir]() -> std::optional<int> {
    if (grant->parsed()) return Grant(*data_dir, *args);
    if (balance->parsed()) return Balance(*data_dir, *args);
    return std::nullopt;
  };
}

}  // namespace shortlist::cli
