// Time as a seam: code that needs "now" takes a Clock so tests can drive time exactly.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace shortlist {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual std::int64_t NowMillis() const = 0;
};

// The real wall clock. Thread-safe; one shared instance.
Clock& SystemClock();

// A clock tests set by hand. Not thread-safe for concurrent Set/Advance.
class FakeClock : public Clock {
 public:
  explicit FakeClock(std::int64_t now_ms = 0) : now_ms_(now_ms) {}
  std::int64_t NowMillis() const override { return now_ms_; }
  void Set(std::int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(std::int64_t ms) { now_ms_ += ms; }

 private:
  std::int64_t now_ms_;
};

// "2026-03-28T10:00:00Z" (seconds precision, UTC).
std::string FormatIso8601(std::int64_t epoch_ms);

// Parses "2026-03-28", "2026-03-28T10:00:00Z", "2026-03-28 10:00:00" and offsets like "+02:00".
// Returns false on anything else.
bool ParseIso8601(const std::string& text, std::int64_t* epoch_ms);

}  // namespace shortlist
