#include "common/html_entities.h"

#include <gtest/gtest.h>

#include <string>

namespace shortlist {
namespace {

// The code point decoded at text[at] and the reference's length, or {-1, 0}.
std::pair<int32_t, size_t> Decode(std::string_view text, size_t at = 0) {
  size_t length = 0;
  const int32_t cp = DecodeCharacterReference(text, at, &length);
  return {cp, cp < 0 ? 0 : length};
}

TEST(HtmlEntities, NamedAndNumericReferences) {
  EXPECT_EQ(Decode("&amp; Retention"), std::make_pair(int32_t{'&'}, size_t{5}));
  EXPECT_EQ(Decode("&nbsp;"), std::make_pair(int32_t{0xA0}, size_t{6}));
  EXPECT_EQ(Decode("&eacute;"), std::make_pair(int32_t{0xE9}, size_t{8}));
  EXPECT_EQ(Decode("&Eacute;"), std::make_pair(int32_t{0xC9}, size_t{8}));
  EXPECT_EQ(Decode("&#8211;"), std::make_pair(int32_t{0x2013}, size_t{7}));
  EXPECT_EQ(Decode("&#x2022;"), std::make_pair(int32_t{0x2022}, size_t{8}));
  EXPECT_EQ(Decode("&#X41;"), std::make_pair(int32_t{'A'}, size_t{6}));
  EXPECT_EQ(Decode("&#00000065;"), std::make_pair(int32_t{'A'}, size_t{11}));
  EXPECT_EQ(Decode("R&amp;D", 1), std::make_pair(int32_t{'&'}, size_t{5}));
}

TEST(HtmlEntities, WhatIsNoReference) {
  for (std::string_view text : {"AT&T", "&amp", "&bogus;", "&AMP;", "&;", "&#;", "&#x;", "&#xZZ;",
                                "&#12a;", "&#123456789;", "&# 65;", "&", "x"}) {
    EXPECT_EQ(Decode(text).first, -1) << text;
  }
  // A ';' too far away ends no reference: "&" then prose.
  EXPECT_EQ(Decode("& then a long sentence;").first, -1);
}

TEST(HtmlEntities, NumbersAsHtmlReadsThem) {
  // No character: U+FFFD. 128-159: the Windows-1252 characters pages mean by them.
  EXPECT_EQ(Decode("&#0;").first, 0xFFFD);
  EXPECT_EQ(Decode("&#xD800;").first, 0xFFFD);
  EXPECT_EQ(Decode("&#99999999;").first, 0xFFFD);
  EXPECT_EQ(Decode("&#xFFFFFFFF;").first, 0xFFFD);
  EXPECT_EQ(Decode("&#150;").first, 0x2013);
  EXPECT_EQ(Decode("&#x92;").first, 0x2019);
  EXPECT_EQ(Decode("&#129;").first, 129);  // undefined in Windows-1252: kept
  EXPECT_EQ(Decode("&#x10FFFF;").first, 0x10FFFF);
}

}  // namespace
}  // namespace shortlist
