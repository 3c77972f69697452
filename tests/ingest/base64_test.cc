#include <gtest/gtest.h>

#include "ingest/ingest.h"

namespace shortlist::ingest {
namespace {

TEST(DecodeBase64, StandardUrlSafeWrappedAndUnpadded) {
  EXPECT_EQ(*DecodeBase64("SGVsbG8sIHdvcmxkIQ=="), "Hello, world!");
  EXPECT_EQ(*DecodeBase64("SGVsbG8sIHdvcmxkIQ"), "Hello, world!");
  EXPECT_EQ(*DecodeBase64("SGVs\nbG8s IHdv\r\ncmxk\tIQ=="), "Hello, world!");
  EXPECT_EQ(*DecodeBase64("-_-_"), "\xFB\xFF\xBF");
  EXPECT_EQ(*DecodeBase64("+/+/"), "\xFB\xFF\xBF");
  EXPECT_EQ(*DecodeBase64("data:application/pdf;base64,JVBERi0="), "%PDF-");
  EXPECT_EQ(*DecodeBase64(""), "");
}

TEST(DecodeBase64, RejectsInvalidInput) {
  for (const char* bad : {"SGVsbG8*", "S", "SGVsbG8=x", "SG===", "data:nocomma"}) {
    auto r = DecodeBase64(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_base64");
  }
}

}  // namespace
}  // namespace shortlist::ingest
