#include "model/billing.h"

#include <ctime>

namespace shortlist::model {

std::string UtcDay(std::int64_t epoch_ms) {
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string UtcMonth(std::int64_t epoch_ms) { return UtcDay(epoch_ms).substr(0, 7); }

}  // namespace shortlist::model
