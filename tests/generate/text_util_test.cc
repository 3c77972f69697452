#include "generate/text_util.h"

#include <gtest/gtest.h>

namespace shortlist::generate {
namespace {

TEST(TextUtil, FirstNameSkipsHonorificsAndFixesCase) {
  EXPECT_EQ(FirstName("Jane Doe"), "Jane");
  EXPECT_EQ(FirstName("  Dr. Maria  Garcia "), "Maria");
  EXPECT_EQ(FirstName("JOHN SMITH"), "John");
  EXPECT_EQ(DisplayName("JOHN O'BRIEN-SMITH"), "John O'Brien-Smith");
  EXPECT_EQ(FirstName(""), "");
  EXPECT_EQ(FirstName("jane@example.com"), "");
  EXPECT_EQ(FirstName("Resume 2024"), "");
  EXPECT_EQ(DisplayName("Ana María López"), "Ana María López");
}

TEST(TextUtil, JoinsListsNaturally) {
  EXPECT_EQ(JoinList({}), "");
  EXPECT_EQ(JoinList({"Python"}), "Python");
  EXPECT_EQ(JoinList({"Python", "Go"}), "Python and Go");
  EXPECT_EQ(JoinList({"Python", "Go", "Rust"}, "or"), "Python, Go or Rust");
}

TEST(TextUtil, FormatsYears) {
  EXPECT_EQ(FormatYears(5.2), "5.2 years");
  EXPECT_EQ(FormatYears(5.0), "5 years");
  EXPECT_EQ(FormatYears(1.0), "1 year");
  EXPECT_EQ(FormatYears(0), "");
  EXPECT_EQ(FormatMinYears(5), "5+ years");
  EXPECT_EQ(FormatMinYears(0), "");
}

TEST(TextUtil, NotesBecomeOneSentence) {
  EXPECT_EQ(AsSentence("  we loved your\n portfolio  "), "We loved your portfolio.");
  EXPECT_EQ(AsSentence("Great talk!"), "Great talk!");
  EXPECT_EQ(AsSentence(""), "");
  std::string long_note(3000, 'a');
  long_note += " end";
  EXPECT_LE(AsSentence(long_note, 100).size(), 110u);
}

TEST(TextUtil, ContainsTermRespectsWordBoundaries) {
  EXPECT_TRUE(ContainsTerm("Built Python services", "python"));
  EXPECT_FALSE(ContainsTerm("Used CPython internals", "Python"));
  EXPECT_TRUE(ContainsTerm("Wrote C++ and C#", "C++"));
  EXPECT_FALSE(ContainsTerm("Java", "JavaScript"));
}

}  // namespace
}  // namespace shortlist::generate
