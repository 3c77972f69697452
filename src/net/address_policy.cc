#include "net/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace shortlist::net {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

IpAddress V4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  IpAddress ip;
  ip.bytes[0] = a, ip.bytes[1] = b, ip.bytes[2] = c, ip.bytes[3] = d;
  return ip;
}

// The IPv4 address an IPv6 address carries, for the forms that route to it.
std::optional<IpAddress> EmbeddedV4(const IpAddress& ip) {
  if (!ip.v6) return std::nullopt;
  const auto& b = ip.bytes;
  const bool first10_zero = std::all_of(b.begin(), b.begin() + 10, [](auto x) { return x == 0; });
  if (first10_zero && b[10] == 0xFF && b[11] == 0xFF) return V4(b[12], b[13], b[14], b[15]);
  if (first10_zero && b[10] == 0 && b[11] == 0) {
    // IPv4-compatible ::a.b.c.d (deprecated); "::" and "::1" are IPv6's own.
    const bool tiny = b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1;
    if (!tiny) return V4(b[12], b[13], b[14], b[15]);
  }
  static constexpr std::uint8_t kNat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b.data(), kNat64, 12) == 0) return V4(b[12], b[13], b[14], b[15]);
  if (b[0] == 0x20 && b[1] == 0x02) return V4(b[2], b[3], b[4], b[5]);  // 6to4
  return std::nullopt;
}

AddressClass ClassifyV4(const std::array<std::uint8_t, 16>& b) {
  const int a = b[0], s = b[1], t = b[2];
  if (a == 0) return AddressClass::kUnspecified;
  if (a == 127) return AddressClass::kLoopback;
  if (a == 10 || (a == 172 && s >= 16 && s <= 31) || (a == 192 && s == 168) ||
      (a == 100 && s >= 64 && s <= 127)) {
    return AddressClass::kPrivate;
  }
  if (a == 169 && s == 254) return AddressClass::kLinkLocal;
  if (a >= 224 && a <= 239) return AddressClass::kMulticast;
  if (a >= 240) return AddressClass::kReserved;  // includes 255.255.255.255
  if ((a == 192 && s == 0 && (t == 0 || t == 2)) || (a == 198 && s == 51 && t == 100) ||
      (a == 203 && s == 0 && t == 113) || (a == 198 && (s == 18 || s == 19))) {
    return AddressClass::kReserved;  // protocol assignments, documentation, benchmarking
  }
  return AddressClass::kPublic;
}

bool PrefixMatch(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                 int prefix) {
  for (int i = 0; i < prefix / 8; ++i) {
    if (a[i] != b[i]) return false;
  }
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
  return (a[prefix / 8] & mask) == (b[prefix / 8] & mask);
}

bool ValidHostName(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
  });
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 64) return std::nullopt;
  const std::string s(text);
  IpAddress ip;
  if (inet_pton(AF_INET, s.c_str(), ip.bytes.data()) == 1) return ip;
  if (inet_pton(AF_INET6, s.c_str(), ip.bytes.data()) == 1) {
    ip.v6 = true;
    return ip;
  }
  return std::nullopt;
}

std::optional<IpAddress> IpAddress::FromSockaddr(const sockaddr* address) {
  if (address == nullptr) return std::nullopt;
  IpAddress ip;
  if (address->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(address);
    std::memcpy(ip.bytes.data(), &in->sin_addr, 4);
    return ip;
  }
  if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    std::memcpy(ip.bytes.data(), &in6->sin6_addr, 16);
    ip.v6 = true;
    return ip;
  }
  return std::nullopt;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return buf;
}

std::string_view ToString(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic:
      return "public";
    case AddressClass::kLoopback:
      return "loopback";
    case AddressClass::kPrivate:
      return "private";
    case AddressClass::kLinkLocal:
      return "link-local";
    case AddressClass::kUnspecified:
      return "unspecified";
    case AddressClass::kMulticast:
      return "multicast";
    case AddressClass::kReserved:
      return "reserved";
  }
  return "reserved";
}

AddressClass Classify(const IpAddress& ip) {
  if (!ip.v6) return ClassifyV4(ip.bytes);
  if (auto v4 = EmbeddedV4(ip)) return ClassifyV4(v4->bytes);
  const auto& b = ip.bytes;
  const bool first15_zero = std::all_of(b.begin(), b.begin() + 15, [](auto x) { return x == 0; });
  if (first15_zero && b[15] == 0) return AddressClass::kUnspecified;
  if (first15_zero && b[15] == 1) return AddressClass::kLoopback;
  if ((b[0] & 0xFE) == 0xFC) return AddressClass::kPrivate;                    // fc00::/7
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressClass::kLinkLocal;  // fe80::/10
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return AddressClass::kPrivate;    // fec0::/10
  if (b[0] == 0xFF) return AddressClass::kMulticast;
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) {
    return AddressClass::kPrivate;  // 64:ff9b:1::/48 local-use NAT64
  }
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) {
    return AddressClass::kReserved;  // documentation
  }
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) {
    return AddressClass::kReserved;  // Teredo hides the real endpoint
  }
  if ((b[0] & 0xE0) != 0x20) return AddressClass::kReserved;  // outside global unicast 2000::/3
  return AddressClass::kPublic;
}

Result<AddressPolicy> AddressPolicy::WithAllowList(const std::vector<std::string>& entries) {
  AddressPolicy policy;
  for (const std::string& raw : entries) {
    std::string entry = Lower(raw);
    entry.erase(std::remove_if(entry.begin(), entry.end(),
                               [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
                entry.end());
    if (entry.empty()) continue;
    const std::size_t slash = entry.find('/');
    const auto address = IpAddress::Parse(entry.substr(0, slash));
    if (address) {
      const int max_prefix = address->v6 ? 128 : 32;
      int prefix = max_prefix;
      if (slash != std::string::npos) {
        const std::string bits = entry.substr(slash + 1);
        if (bits.empty() || bits.size() > 3 ||
            !std::all_of(bits.begin(), bits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            std::stoi(bits) > max_prefix) {
          return Error::Make("invalid_config",
                             "allow-list entry \"" + raw + "\" has an invalid prefix length");
        }
        prefix = std::stoi(bits);
      }
      policy.cidrs_.push_back(Cidr{*address, prefix});
    } else if (slash == std::string::npos && ValidHostName(entry)) {
      policy.hosts_.push_back(entry);
    } else {
      return Error::Make("invalid_config", "allow-list entry \"" + raw +
                                               "\" is not a CIDR, an IP address or a host name");
    }
  }
  return policy;
}

bool AddressPolicy::HostAllowed(std::string_view host) const {
  const std::string h = Lower(host);
  return std::find(hosts_.begin(), hosts_.end(), h) != hosts_.end();
}

Status AddressPolicy::CheckAddress(const IpAddress& address) const {
  const std::optional<IpAddress> v4 = EmbeddedV4(address);
  for (const Cidr& c : cidrs_) {
    if (c.network.v6 == address.v6 && PrefixMatch(c.network.bytes, address.bytes, c.prefix)) {
      return OkStatus();
    }
    if (v4 && !c.network.v6 && PrefixMatch(c.network.bytes, v4->bytes, c.prefix)) {
      return OkStatus();
    }
  }
  const AddressClass cls = Classify(address);
  if (cls == AddressClass::kPublic) return OkStatus();
  return Error::Make("url_refused", "the URL points to " + address.ToString() + ", a " +
                                        std::string(ToString(cls)) +
                                        " address the server does not fetch from");
}

}  // namespace shortlist::net
