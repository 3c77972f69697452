#include "ingest/text_decode.h"

#include <gtest/gtest.h>

namespace shortlist::ingest {
namespace {

TEST(DecodeText, Utf16SurrogatePairsAndLoneSurrogates) {
  // U+1F600 as D83D DE00, then a lone D800, then 'A' (little-endian with BOM).
  const std::string le("\xFF\xFE\x3D\xD8\x00\xDE\x00\xD8\x41\x00", 10);
  EXPECT_EQ(DecodeText(le),
            "\xF0\x9F\x98\x80\xEF\xBF\xBD"
            "A");
}

TEST(DecodeText, ValidUtf8IsUntouchedAndInvalidIsRepaired) {
  EXPECT_EQ(DecodeText("na\xC3\xAFve"), "na\xC3\xAFve");
  EXPECT_EQ(RepairUtf8("a\xC3(b"), "a\xEF\xBF\xBD(b");
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(NormalizeText, WhitespaceAndInvisibleCharacters) {
  EXPECT_EQ(NormalizeText("  a \t b\xE2\x80\x8B"
                          "c\xC2\xA0"
                          "d  \n\n\n\n e \n"),
            "a\tbc d\n\ne");
  EXPECT_EQ(NormalizeText("\xEF\xBC\xA1\xEF\xBC\xA2"), "AB");  // full-width letters
  EXPECT_EQ(NormalizeText("soft\xC2\xADhyphen"), "softhyphen");
  EXPECT_EQ(NormalizeText(""), "");
}

TEST(LooksBinary, TextIsNotBinary) {
  EXPECT_FALSE(LooksBinary("plain text\nwith lines\tand tabs"));
  EXPECT_TRUE(LooksBinary(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace shortlist::ingest
