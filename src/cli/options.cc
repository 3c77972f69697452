#include "cli/options.h"

#include <cstdlib>

#include "store/database.h"

namespace shortlist::cli {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

Result<std::string> DatabaseLocation(const DataLocation& where) {
  return store::ResolveLocation(where.data_dir, where.database);
}

Result<std::unique_ptr<store::Store>> OpenDataDir(const DataLocation& where) {
  auto location = DatabaseLocation(where);
  if (!location.ok()) return location.error();
  return store::OpenStore(*location);
}

}  // namespace shortlist::cli
