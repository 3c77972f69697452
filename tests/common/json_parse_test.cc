#include "common/json_parse.h"

#include <gtest/gtest.h>

#include <string>

namespace shortlist {
namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonParseTest, CountsNestingOutsideStrings) {
  EXPECT_EQ(JsonNestingDepth("1", 64), 0);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[1,{"b":[]}]})", 64), 4);
  EXPECT_EQ(JsonNestingDepth(R"({"a":"[[[[{{{{"})", 64), 1);
  EXPECT_EQ(JsonNestingDepth(R"(["\"[[[[", []])", 64), 2);  // an escaped quote stays in the string
  EXPECT_EQ(JsonNestingDepth(Nested(1000), 64), 65);        // stops counting past the limit
}

TEST(JsonParseTest, RefusesNestingBeyondTheLimitBeforeParsing) {
  Result<nlohmann::json> at_limit = ParseJson(Nested(kMaxJsonDepth));
  ASSERT_TRUE(at_limit.ok());
  EXPECT_TRUE(at_limit->is_array());

  Result<nlohmann::json> deep = ParseJson(Nested(100000));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().code, "json_too_deep");
  EXPECT_NE(deep.error().message.find("64"), std::string::npos);
  EXPECT_TRUE(ParseJsonOrDiscarded(Nested(kMaxJsonDepth + 1)).is_discarded());
}

TEST(JsonParseTest, ReportsTextThatIsNotJson) {
  Result<nlohmann::json> bad = ParseJson("{\"a\":");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_json");
  EXPECT_TRUE(ParseJsonOrDiscarded("nope").is_discarded());
  EXPECT_EQ(ParseJsonOrDiscarded(R"({"a":[1,2]})")["a"][1], 2);
}

}  // namespace
}  // namespace shortlist
