// Secrets: random tokens, hashes and comparisons that do not leak timing.
#pragma once

#include <string>
#include <string_view>

namespace shortlist {

// `bytes` bytes from the OS CSPRNG, hex-encoded (2*bytes characters).
std::string RandomHex(std::size_t bytes);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Lower-case hex HMAC-SHA256 of `data` under `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// True when a == b, in time that depends only on the lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace shortlist
