// DecodeBase64: standard (RFC 4648 §4) and URL-safe (§5) alphabets, with or without padding.
// Whitespace anywhere is ignored because clients wrap base64 at 76 columns (MIME) or pretty-print.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ingest.h"

namespace shortlist::ingest {
namespace {

constexpr int kInvalid = -1;
constexpr int kSkip = -2;

constexpr std::array<int, 256> MakeTable() {
  std::array<int, 256> t{};
  for (auto& v : t) v = kInvalid;
  for (int i = 0; i < 26; ++i) {
    t['A' + i] = i;
    t['a' + i] = 26 + i;
  }
  for (int i = 0; i < 10; ++i) t['0' + i] = 52 + i;
  t['+'] = 62;
  t['-'] = 62;  // URL-safe
  t['/'] = 63;
  t['_'] = 63;  // URL-safe
  for (char c : {' ', '\t', '\r', '\n', '\f', '\v'}) t[static_cast<unsigned char>(c)] = kSkip;
  return t;
}
constexpr std::array<int, 256> kTable = MakeTable();

Error Invalid(std::string_view why) {
  return Error::Make("invalid_base64", "base64 is not valid: " + std::string(why));
}

}  // namespace

Result<std::string> DecodeBase64(std::string_view encoded) {
  // A data: URL prefix ("data:application/pdf;base64,") is a common client mistake; accept it.
  if (encoded.substr(0, 5) == "data:") {
    auto comma = encoded.find(',');
    if (comma == std::string_view::npos) return Invalid("data: URL without a comma");
    encoded.remove_prefix(comma + 1);
  }
  std::string out;
  out.reserve(encoded.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int bits = 0;
  int digits = 0;
  int padding = 0;
  for (char ch : encoded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = kTable[c];
    if (v == kSkip) continue;
    if (v == kInvalid) return Invalid("unexpected character");
    if (padding > 0) return Invalid("data after '=' padding");
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    ++digits;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  const int rest = digits % 4;
  if (rest == 1) return Invalid("truncated (one stray character at the end)");
  if (padding > 2 || (padding > 0 && (rest + padding) % 4 != 0)) return Invalid("bad '=' padding");
  return out;
}

}  // namespace shortlist::ingest
