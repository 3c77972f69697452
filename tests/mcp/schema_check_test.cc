#include "mcp/schema_check.h"

#include <gtest/gtest.h>

namespace shortlist::mcp {
namespace {

using nlohmann::json;

const json kSchema = {
    {"type", "object"},
    {"properties",
     {{"name", {{"type", "string"}, {"minLength", 2}, {"maxLength", 4}}},
      {"level", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10}}},
      {"kind", {{"type", "string"}, {"enum", {"a", "b"}}}},
      {"tags",
       {{"type", "array"}, {"minItems", 1}, {"maxItems", 2}, {"items", {{"type", "string"}}}}},
      {"nested",
       {{"type", "object"}, {"properties", {{"x", {{"type", "number"}}}}}, {"required", {"x"}}}}}},
    {"required", {"name"}},
    {"additionalProperties", false}};

TEST(CheckAgainstSchema, AcceptsConformingValues) {
  EXPECT_TRUE(CheckAgainstSchema(kSchema, {{"name", "Zoë"}}).empty()) << "length in characters";
  EXPECT_TRUE(
      CheckAgainstSchema(
          kSchema,
          {{"name", "ab"}, {"level", 10}, {"kind", "b"}, {"tags", {"x"}}, {"nested", {{"x", 1.5}}}})
          .empty());
  EXPECT_TRUE(CheckAgainstSchema(kSchema, {{"name", "ab"}, {"level", 3.0}}).empty())
      << "3.0 is an integer";
}

TEST(CheckAgainstSchema, NamesEveryProblemWithItsPath) {
  const auto errors = CheckAgainstSchema(kSchema, {{"level", 0},
                                                   {"kind", "c"},
                                                   {"tags", {"x", 2, "z"}},
                                                   {"nested", json::object()},
                                                   {"extra", true}});
  const std::vector<std::string> expected = {
      "arguments.name is required",
      "arguments.extra is not a known argument",
      "arguments.kind must be one of \"a\", \"b\"",
      "arguments.level must be at least 1",
      "arguments.nested.x is required",
      "arguments.tags must have at most 2 items",
      "arguments.tags[1] must be a string",
  };
  EXPECT_EQ(errors, expected);
}

TEST(CheckAgainstSchema, WrongTypesAndLengths) {
  EXPECT_EQ(CheckAgainstSchema(kSchema, json::array()),
            std::vector<std::string>{"arguments must be an object"});
  EXPECT_EQ(CheckAgainstSchema(kSchema, {{"name", "abcde"}}),
            std::vector<std::string>{"arguments.name must be at most 4 characters long"});
  EXPECT_EQ(CheckAgainstSchema(kSchema, {{"name", "ab"}, {"level", 2.5}}),
            std::vector<std::string>{"arguments.level must be an integer"});
  EXPECT_EQ(CheckAgainstSchema({{"type", {"string", "null"}}}, 5),
            std::vector<std::string>{"arguments must be a string or null"});
}

}  // namespace
}  // namespace shortlist::mcp
