// The SSRF guard's classification of addresses and its allow-list.
#include "net/address_policy.h"

#include <gtest/gtest.h>

namespace shortlist::net {
namespace {

AddressClass ClassOf(const char* text) {
  auto ip = IpAddress::Parse(text);
  EXPECT_TRUE(ip.has_value()) << text;
  return ip ? Classify(*ip) : AddressClass::kReserved;
}

TEST(Classify, RefusedClassesAndTheirIpv6Disguises) {
  struct Case {
    const char* address;
    AddressClass expected;
  };
  const Case cases[] = {
      {"127.0.0.1", AddressClass::kLoopback},
      {"127.255.1.2", AddressClass::kLoopback},
      {"::1", AddressClass::kLoopback},
      {"10.0.0.1", AddressClass::kPrivate},
      {"172.16.5.4", AddressClass::kPrivate},
      {"172.31.255.255", AddressClass::kPrivate},
      {"192.168.1.1", AddressClass::kPrivate},
      {"100.64.0.1", AddressClass::kPrivate},
      {"100.127.255.255", AddressClass::kPrivate},
      {"fc00::1", AddressClass::kPrivate},
      {"fd12:3456::1", AddressClass::kPrivate},
      {"169.254.169.254", AddressClass::kLinkLocal},
      {"fe80::1", AddressClass::kLinkLocal},
      {"0.0.0.0", AddressClass::kUnspecified},
      {"::", AddressClass::kUnspecified},
      {"224.0.0.1", AddressClass::kMulticast},
      {"ff02::1", AddressClass::kMulticast},
      {"255.255.255.255", AddressClass::kReserved},
      {"::ffff:127.0.0.1", AddressClass::kLoopback},
      {"::ffff:169.254.169.254", AddressClass::kLinkLocal},
      {"::ffff:10.1.2.3", AddressClass::kPrivate},
      {"::10.1.2.3", AddressClass::kPrivate},
      {"64:ff9b::a9fe:a9fe", AddressClass::kLinkLocal},  // NAT64 of 169.254.169.254
      {"2002:7f00:1::", AddressClass::kLoopback},        // 6to4 of 127.0.0.1
      {"2001:db8::1", AddressClass::kReserved},
      {"[::1]", AddressClass::kLoopback},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassOf(c.address), c.expected) << c.address;
  }
}

TEST(Classify, PublicAddressesArePublic) {
  for (const char* a : {"8.8.8.8", "1.1.1.1", "172.15.0.1", "172.32.0.1", "100.63.255.255",
                        "100.128.0.1", "169.253.1.1", "2606:4700::1111", "::ffff:8.8.8.8"}) {
    EXPECT_EQ(ClassOf(a), AddressClass::kPublic) << a;
  }
}

TEST(IpAddress, ParseIsStrict) {
  for (const char* bad :
       {"", "127.1", "2130706433", "0x7f.0.0.1", "localhost", "1.2.3.4.5", "[::1", "::g"}) {
    EXPECT_FALSE(IpAddress::Parse(bad).has_value()) << bad;
  }
  EXPECT_EQ(IpAddress::Parse("::ffff:7f00:1")->ToString(), "::ffff:127.0.0.1");
}

TEST(AddressPolicy, DefaultRefusesWithTheClassInTheMessage) {
  const AddressPolicy policy;
  const Status s = policy.CheckAddress(*IpAddress::Parse("169.254.169.254"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "url_refused");
  EXPECT_NE(s.error().message.find("link-local"), std::string::npos);
  EXPECT_NE(s.error().message.find("169.254.169.254"), std::string::npos);
  EXPECT_TRUE(policy.CheckAddress(*IpAddress::Parse("93.184.216.34")).ok());
}

TEST(AddressPolicy, AllowListOpensCidrsAddressesAndHosts) {
  auto policy = AddressPolicy::WithAllowList(
      {"127.0.0.1/32", "10.20.0.0/16", "fd00::/8", " ATS.internal.example "});
  ASSERT_TRUE(policy.ok()) << policy.error().message;
  EXPECT_TRUE(policy->CheckAddress(*IpAddress::Parse("127.0.0.1")).ok());
  EXPECT_TRUE(policy->CheckAddress(*IpAddress::Parse("::ffff:127.0.0.1")).ok());
  EXPECT_FALSE(policy->CheckAddress(*IpAddress::Parse("127.0.0.2")).ok());
  EXPECT_TRUE(policy->CheckAddress(*IpAddress::Parse("10.20.99.1")).ok());
  EXPECT_FALSE(policy->CheckAddress(*IpAddress::Parse("10.21.0.1")).ok());
  EXPECT_TRUE(policy->CheckAddress(*IpAddress::Parse("fd12::1")).ok());
  EXPECT_FALSE(policy->CheckAddress(*IpAddress::Parse("::1")).ok());
  EXPECT_TRUE(policy->HostAllowed("ats.internal.example"));
  EXPECT_FALSE(policy->HostAllowed("other.example"));
}

TEST(AddressPolicy, BadEntriesAreConfigErrors) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "::1/129", "not a host!", "1.2.3.4/x"}) {
    auto policy = AddressPolicy::WithAllowList({bad});
    ASSERT_FALSE(policy.ok()) << bad;
    EXPECT_EQ(policy.error().code, "invalid_config");
  }
}

}  // namespace
}  // namespace shortlist::net
