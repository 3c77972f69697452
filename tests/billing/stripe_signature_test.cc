#include "billing/stripe_signature.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/crypto.h"

namespace shortlist::billing {
namespace {

constexpr const char* kSecret = "whsec_test_secret";
const std::string kPayload = R"({"id":"evt_1","type":"checkout.session.completed"})";

TEST(StripeSignatureTest, AcceptsAHeaderComputedIndependently) {
  // Stripe's scheme, computed here without the code under test.
  std::string header = "t=1700000000,v1=" + HmacSha256Hex(kSecret, "1700000000." + kPayload);
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, 1700000000).ok());
  EXPECT_EQ(SignStripePayload(kPayload, kSecret, 1700000000), header);
}

TEST(StripeSignatureTest, AcceptsAnyOfSeveralV1SignaturesDuringSecretRotation) {
  std::string good = HmacSha256Hex(kSecret, "1700000000." + kPayload);
  std::string header = "t=1700000000, v1=" + std::string(64, 'a') + ",v1=" + good + ",v0=zz";
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, 1700000010).ok());
}

TEST(StripeSignatureTest, RejectsATamperedPayloadOrAWrongSecret) {
  std::string header = SignStripePayload(kPayload, kSecret, 1700000000);
  auto tampered = VerifyStripeSignature(header, kPayload + " ", kSecret, 1700000000);
  ASSERT_FALSE(tampered.ok());
  EXPECT_EQ(tampered.error().code, "bad_request");
  EXPECT_FALSE(VerifyStripeSignature(header, kPayload, "whsec_other", 1700000000).ok());
}

TEST(StripeSignatureTest, RejectsTimestampsOutsideTheTolerance) {
  std::string header = SignStripePayload(kPayload, kSecret, 1700000000);
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, 1700000300).ok());
  EXPECT_FALSE(VerifyStripeSignature(header, kPayload, kSecret, 1700000301).ok());
  EXPECT_TRUE(VerifyStripeSignature(header, kPayload, kSecret, 1699999700).ok());
  EXPECT_FALSE(VerifyStripeSignature(header, kPayload, kSecret, 1699999699).ok());
}

TEST(StripeSignatureTest, RejectsMalformedHeaders) {
  std::string sig = HmacSha256Hex(kSecret, "1700000000." + kPayload);
  for (const std::string& header :
       std::vector<std::string>{"", "v1=" + sig, "t=1700000000", "t=abc,v1=" + sig,
                                "t=1700000000,v0=" + sig, "garbage"}) {
    EXPECT_FALSE(VerifyStripeSignature(header, kPayload, kSecret, 1700000000).ok()) << header;
  }
  EXPECT_FALSE(VerifyStripeSignature("t=1700000000,v1=" + sig, kPayload, "", 1700000000).ok());
}

}  // namespace
}  // namespace shortlist::billing
