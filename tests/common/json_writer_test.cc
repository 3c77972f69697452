#include "common/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace shortlist {
namespace {

TEST(JsonWriter, WritesNestedStructuresThatParseBack) {
  JsonWriter w;
  w.BeginObject()
      .Field("name", "Ann \"Q\" \\ Lee\n\x01")
      .Field("n", 42)
      .Field("x", 68.5)
      .Field("ok", true)
      .Key("none")
      .Null()
      .Key("list")
      .BeginArray()
      .Int(1)
      .String("two")
      .BeginObject()
      .EndObject()
      .EndArray()
      .Key("nested")
      .BeginObject()
      .Field("a", std::int64_t{-7})
      .EndObject()
      .EndObject();
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["name"], "Ann \"Q\" \\ Lee\n\x01");
  EXPECT_EQ(parsed["n"], 42);
  EXPECT_DOUBLE_EQ(parsed["x"].get<double>(), 68.5);
  EXPECT_EQ(parsed["ok"], true);
  EXPECT_TRUE(parsed["none"].is_null());
  EXPECT_EQ(parsed["list"].size(), 3u);
  EXPECT_EQ(parsed["list"][1], "two");
  EXPECT_EQ(parsed["nested"]["a"], -7);
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  JsonWriter w;
  w.BeginArray().Double(1.0 / 0.0).EndArray();
  EXPECT_EQ(w.str(), "[null]");
}

}  // namespace
}  // namespace shortlist
