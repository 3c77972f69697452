#include "cli/options.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "common/crypto.h"
#include "store/database.h"

namespace shortlist::cli {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

Result<std::string> DatabaseLocation(const DataLocation& where) {
  if (!where.database.empty()) return where.database;
  std::error_code ec;
  std::filesystem::create_directories(where.data_dir, ec);
  if (ec) {
    return Error::Make("storage",
                       "cannot create data directory " + where.data_dir + ": " + ec.message(),
                       "data-dir");
  }
  return (std::filesystem::path(where.data_dir) / "shortlist.db").string();
}

Result<std::unique_ptr<store::Store>> OpenDataDir(const DataLocation& where) {
  auto location = DatabaseLocation(where);
  if (!location.ok()) return location.error();
  return store::OpenStore(*location);
}

Result<std::string> IssueToken(store::Store& store, std::int64_t account_id,
                               const std::string& name) {
  // 160 random bits; "sl_" marks it as ours (secret scanners can match it).
  std::string token = "sl_" + RandomHex(20);
  auto created = store.CreateToken(account_id, name, Sha256Hex(token), token.substr(0, 10));
  if (!created.ok()) return created.error();
  return token;
}

}  // namespace shortlist::cli
