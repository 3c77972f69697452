// Standard base64 with padding, for tests that send files as `base64`.
#pragma once

#include <string>

namespace shortlist::testing {

inline std::string Base64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits_value = 0;
  int bits = 0;
  for (unsigned char c : in) {
    bits_value = (bits_value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(bits_value >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(bits_value << (6 - bits)) & 63];
  while (out.size() % 4) out += '=';
  return out;
}

}  // namespace shortlist::testing
