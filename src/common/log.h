// Structured logs: one line of JSON per event on stderr, so they can be grepped or shipped.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace shortlist {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Sets the lowest level written (default kInfo). Thread-safe.
void SetLogLevel(LogLevel level);
// Whether a message at `level` would be written (lets hot paths skip building fields).
bool LogEnabled(LogLevel level);

struct LogField {
  LogField(std::string_view k, std::string_view v) : key(k), value(v), quoted(true) {}
  LogField(std::string_view k, const char* v) : key(k), value(v), quoted(true) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(v), quoted(true) {}
  LogField(std::string_view k, long long v) : key(k), value(std::to_string(v)), quoted(false) {}
  LogField(std::string_view k, int v) : key(k), value(std::to_string(v)), quoted(false) {}
  LogField(std::string_view k, double v) : key(k), value(std::to_string(v)), quoted(false) {}
  std::string key;
  std::string value;
  bool quoted;
};

// Writes {"ts":..., "level":..., "msg":..., fields...} as one line. Thread-safe.
void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

}  // namespace shortlist
