#include "billing/stripe_signature.h"

#include <charconv>
#include <vector>

#include "common/crypto.h"

namespace shortlist::billing {
namespace {

Error Bad(const std::string& why) {
  return Error::Make("bad_request", "Invalid Stripe signature: " + why + ".", "Stripe-Signature");
}

}  // namespace

Status VerifyStripeSignature(std::string_view header, std::string_view payload,
                             std::string_view secret, std::int64_t now_seconds,
                             std::int64_t tolerance_seconds) {
  if (header.empty()) return Bad("the Stripe-Signature header is missing");
  if (secret.empty()) return Bad("no webhook signing secret is configured");
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "t") timestamp = value;
    if (key == "v1") signatures.push_back(value);
  }
  std::int64_t t = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
  if (timestamp.empty() || ec != std::errc() || end != timestamp.data() + timestamp.size()) {
    return Bad("no timestamp");
  }
  if (signatures.empty()) return Bad("no v1 signature");
  std::string signed_payload;
  signed_payload.reserve(timestamp.size() + 1 + payload.size());
  signed_payload.append(timestamp).append(".").append(payload);
  const std::string expected = HmacSha256Hex(secret, signed_payload);
  bool match = false;
  for (std::string_view s : signatures) match |= ConstantTimeEquals(expected, s);
  if (!match) return Bad("no signature matches the payload");
  // Checked after the signature so an attacker learns nothing about the tolerance.
  std::int64_t age = now_seconds - t;
  if (age > tolerance_seconds || age < -tolerance_seconds) {
    return Bad("the timestamp is outside the tolerance");
  }
  return OkStatus();
}

std::string SignStripePayload(std::string_view payload, std::string_view secret,
                              std::int64_t timestamp) {
  std::string ts = std::to_string(timestamp);
  std::string signed_payload = ts + "." + std::string(payload);
  return "t=" + ts + ",v1=" + HmacSha256Hex(secret, signed_payload);
}

}  // namespace shortlist::billing
