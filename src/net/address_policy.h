// AddressPolicy: the SSRF guard. Decides whether the server may connect to an IP address on a
// user's behalf (a resume URL, a webhook endpoint).
//
// By default only public unicast addresses are allowed. Refused classes: loopback (127/8, ::1),
// private (10/8, 172.16/12, 192.168/16, CGNAT 100.64/10, fc00::/7), link-local (169.254/16 with
// the 169.254.169.254 cloud metadata address, fe80::/10), unspecified (0.0.0.0/8, ::), multicast
// (224/4, ff00::/8), and reserved (240/4, broadcast, documentation and benchmarking ranges).
// IPv6 forms that embed an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96 NAT64,
// 2002::/16 6to4) are judged by the IPv4 address they carry.
//
// The allow-list opens addresses the defaults refuse: CIDRs ("127.0.0.1/32", "10.1.0.0/16",
// "::1/128"), single addresses ("127.0.0.1"), or host names ("ats.internal.example") whose
// every address is then accepted. Immutable after construction; safe to share across threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

struct sockaddr;

namespace shortlist::net {

struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in the first 4 bytes

  // Dotted IPv4 or IPv6 text (brackets allowed), strict: "127.1" is not an address here.
  static std::optional<IpAddress> Parse(std::string_view text);
  // From a socket address (AF_INET / AF_INET6); nullopt for anything else.
  static std::optional<IpAddress> FromSockaddr(const sockaddr* address);
  std::string ToString() const;
};

enum class AddressClass {
  kPublic,
  kLoopback,
  kPrivate,
  kLinkLocal,
  kUnspecified,
  kMulticast,
  kReserved
};
std::string_view ToString(AddressClass c);  // "public", "loopback", "private", "link-local" ...

AddressClass Classify(const IpAddress& address);

class AddressPolicy {
 public:
  // Refuses every non-public address.
  AddressPolicy() = default;
  // Error "invalid_config" naming the entry that is neither a CIDR, an address nor a host name.
  static Result<AddressPolicy> WithAllowList(const std::vector<std::string>& entries);

  // OK, or "url_refused" with a message naming the address and its class.
  Status CheckAddress(const IpAddress& address) const;
  // True when `host` (a URL's host, case-insensitive) is allow-listed by name.
  bool HostAllowed(std::string_view host) const;

 private:
  struct Cidr {
    IpAddress network;
    int prefix = 0;
  };
  std::vector<Cidr> cidrs_;
  std::vector<std::string> hosts_;  // lower-case
};

}  // namespace shortlist::net
