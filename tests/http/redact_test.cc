#include <gtest/gtest.h>

#include "http/message.h"

namespace shortlist::http {
namespace {

TEST(RedactSecretsTest, CutsEverySecretShapeToItsListedPrefix) {
  EXPECT_EQ(RedactSecrets("/api/v1/tokens/sl_0123456789abcdef0123"),
            "/api/v1/tokens/sl_0123456[redacted]");
  EXPECT_EQ(RedactSecrets("/x?key=sl_agent_abcdef0123456789&y=1"),
            "/x?key=sl_agent_a[redacted]&y=1");
  EXPECT_EQ(RedactSecrets("whsec_00112233445566778899"), "whsec_0011[redacted]");
}

TEST(RedactSecretsTest, LeavesPrefixesAndOtherWordsAlone) {
  EXPECT_EQ(RedactSecrets("/api/v1/tokens/sl_3f9c1a2"), "/api/v1/tokens/sl_3f9c1a2");
  EXPECT_EQ(RedactSecrets("/api/v1/jobs/12/results"), "/api/v1/jobs/12/results");
  EXPECT_EQ(RedactSecrets("/files/visl_0123456789abcdef"), "/files/visl_0123456789abcdef");
}

}  // namespace
}  // namespace shortlist::http
