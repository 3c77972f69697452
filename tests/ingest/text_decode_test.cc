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

// UTF-8 once read as Windows-1252 is repaired before NFKC, which would otherwise spell the 1252
// glyphs standing for its bytes as something else ("™" as "TM", "¼" as "1⁄4").
TEST(NormalizeText, MojibakeIsRepairedOrKeptNotRespelled) {
  EXPECT_EQ(NormalizeText("It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s"), "It\xE2\x80\x99s");  // Itâ€™s
  EXPECT_EQ(NormalizeText("Caf\xC3\x83\xC2\xA9"), "Caf\xC3\xA9");                      // CafÃ©
  // A full-width form whose last byte Windows-1252 leaves undefined came out as a zero-width
  // space ("ï¼", the separator of half the benchmark's PDFs): the full-width hyphen, which the
  // engine reads as "-". Without the space it is no such sequence and stays.
  EXPECT_EQ(NormalizeText("03/2014 \xC3\xAF\xC2\xBC\xE2\x80\x8B 04/2016"),
            "03/2014 \xEF\xBC\x8D 04/2016");
  EXPECT_EQ(NormalizeText("03/2014 \xC3\xAF\xC2\xBC 04/2016"), "03/2014 \xC3\xAF\xC2\xBC 04/2016");
  // A letter is a letter, and a fraction outside mojibake is still spelled out.
  EXPECT_EQ(NormalizeText("na\xC3\xAFve \xC3\xA9t\xC3\xA9"), "na\xC3\xAFve \xC3\xA9t\xC3\xA9");
  EXPECT_EQ(NormalizeText("\xC2\xBD day"),
            "1\xE2\x81\x84"
            "2 day");
}

TEST(LooksBinary, TextIsNotBinary) {
  EXPECT_FALSE(LooksBinary("plain text\nwith lines\tand tabs"));
  EXPECT_TRUE(LooksBinary(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace shortlist::ingest
