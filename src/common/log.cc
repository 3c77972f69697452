#include "common/log.h"

#include <atomic>
#include <cstdio>

#include "common/clock.h"

namespace shortlist {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};

void AppendEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }

bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  if (static_cast<int>(level) < g_level.load(std::memory_order_relaxed)) return;
  std::string line = "{\"ts\":\"";
  line += FormatIso8601(SystemClock().NowMillis());
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"msg\":\"";
  AppendEscaped(line, message);
  line += '"';
  for (const LogField& f : fields) {
    line += ",\"";
    AppendEscaped(line, f.key);
    line += "\":";
    if (f.quoted) {
      line += '"';
      AppendEscaped(line, f.value);
      line += '"';
    } else {
      line += f.value;
    }
  }
  line += "}\n";
  std::fwrite(line.data(), 1, line.size(), stderr);  // one write: lines never interleave
}

}  // namespace shortlist
