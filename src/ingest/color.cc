#include "ingest/color.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace shortlist::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

bool AllHex(std::string_view s) {
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// Near white: every channel at least 0xF0.
bool ChannelsNearWhite(int r, int g, int b) { return r >= 0xF0 && g >= 0xF0 && b >= 0xF0; }

}  // namespace

bool IsNearWhite(std::string_view color) {
  std::string c = Lower(color);
  if (c == "white" || c == "background1" || c == "bg1" || c == "light1") return true;
  if (!c.empty() && c[0] == '#') c.erase(0, 1);
  if (c.size() == 3 && AllHex(c)) c = {c[0], c[0], c[1], c[1], c[2], c[2]};
  if (c.size() == 6 && AllHex(c)) {
    const long v = std::strtol(c.c_str(), nullptr, 16);
    return ChannelsNearWhite((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
  }
  if (c.rfind("rgb(", 0) == 0) {
    int r = 0, g = 0, b = 0;
    if (std::sscanf(c.c_str(), "rgb(%d,%d,%d", &r, &g, &b) == 3) return ChannelsNearWhite(r, g, b);
  }
  return false;
}

bool IsColouredBackground(std::string_view color) {
  const std::string c = Lower(color);
  if (c.empty() || c == "auto" || c == "none" || c == "transparent" || c == "clear" ||
      c == "inherit" || c == "initial") {
    return false;
  }
  return !IsNearWhite(c);
}

}  // namespace shortlist::ingest
