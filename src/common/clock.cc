#include "common/clock.h"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace shortlist {
namespace {

class RealClock : public Clock {
 public:
  std::int64_t NowMillis() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

Clock& SystemClock() {
  static RealClock clock;
  return clock;
}

std::string FormatIso8601(std::int64_t epoch_ms) {
  // Civil-from-days (Hinnant) rather than gmtime_r + strftime: this runs on every status poll.
  std::int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  std::int64_t rem = secs - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(y), m,
                d, static_cast<unsigned>(rem / 3600) % 24u,
                static_cast<unsigned>(rem % 3600 / 60) % 60u,
                static_cast<unsigned>(rem % 60) % 60u);
  return buf;
}

bool ParseIso8601(const std::string& text, std::int64_t* epoch_ms) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) {
    return false;
  }
  std::size_t pos = 10;
  int offset_minutes = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return false;
    int used = 0;
    if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &used) != 3) return false;
    pos += 1 + used;
    if (pos < text.size() && text[pos] == '.') {  // fractional seconds: ignored
      ++pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    }
    if (pos < text.size()) {
      if (text[pos] == 'Z' && pos + 1 == text.size()) {
        // UTC
      } else if ((text[pos] == '+' || text[pos] == '-') && text.size() - pos == 6) {
        int oh = 0, om = 0;
        if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) return false;
        offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
      } else {
        return false;
      }
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  std::int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - offset_minutes * 60;
  *epoch_ms = secs * 1000;
  return true;
}

}  // namespace shortlist
