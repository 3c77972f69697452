// What a receiver sees: the body's shape and a signature it can recompute.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "webhooks/signing.h"

namespace shortlist::webhooks {
namespace {

TEST(SigningTest, SignatureIsHexHmacSha256OfTheBody) {
  // RFC 4231, test case 2.
  EXPECT_EQ(Sign("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SigningTest, BodyCarriesEventTimestampDataAndId) {
  auto body = BuildEventBody("job.completed", R"({"job_id": 42})", "evt_1", 1774692000000);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body,
            R"({"event":"job.completed","timestamp":"2026-03-28T10:00:00Z","data":{"job_id":42},)"
            R"("id":"evt_1"})");
  EXPECT_FALSE(BuildEventBody("x", "[1]", "evt_1", 0).ok());
  EXPECT_FALSE(BuildEventBody("x", "not json", "evt_1", 0).ok());
}

TEST(SigningTest, HeadersNameTheDeliveryAndSignTheExactBody) {
  const std::string body = R"({"event":"webhook.test"})";
  auto headers = DeliveryHeaders("whsec_k", body, "evt_9", 1774692000123);
  auto find = [&](const std::string& name) {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return std::string("<missing>");
  };
  EXPECT_EQ(find("Content-Type"), "application/json");
  EXPECT_EQ(find("X-Webhook-Id"), "evt_9");
  EXPECT_EQ(find("X-Webhook-Timestamp"), "1774692000");
  EXPECT_EQ(find("X-Webhook-Signature"), Sign("whsec_k", body));
  EXPECT_NE(find("X-Webhook-Signature"), Sign("whsec_other", body));
  EXPECT_NE(find("User-Agent"), "<missing>");
}

TEST(SigningTest, IdsAndSecretsAreRandomAndWellFormed) {
  EXPECT_NE(NewEventId(), NewEventId());
  EXPECT_EQ(NewEventId().rfind("evt_", 0), 0u);
  std::string secret = NewSecret();
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  EXPECT_EQ(secret.size(), 6u + 64u);
}

}  // namespace
}  // namespace shortlist::webhooks
