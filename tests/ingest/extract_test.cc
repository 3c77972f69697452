// Kind recognition by content, text encodings, and the errors every kind shares.
#include <gtest/gtest.h>

#include <string>

#include "ingest/ingest.h"

namespace shortlist::ingest {
namespace {

TEST(Extract, PlainUtf8TextIsCleanedUp) {
  auto doc = Extract("  Jo\xC3\xA9 Smith  \r\n\r\n\r\n\r\nSkills:\tC++ ,\xEF\xAC\x81nance\x01\n",
                     "joe.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kText);
  EXPECT_EQ(doc->pages, 1);
  // Trimmed lines, one blank line at most, the "fi" ligature unfolded, control bytes gone.
  EXPECT_EQ(doc->text, "Jo\xC3\xA9 Smith\n\nSkills:\tC++ ,finance");
}

TEST(Extract, Utf16WithAndWithoutByteOrderMark) {
  const std::string le_bom(
      "\xFF\xFE"
      "A\0n\0a\0 \0\xEF\0\n\0",
      14);
  auto le = Extract(le_bom, "a.txt");
  ASSERT_TRUE(le.ok()) << le.error().message;
  EXPECT_EQ(le->text, "Ana \xC3\xAF");
  const std::string be_plain("\0R\0e\0s\0u\0m\0e", 12);
  auto be = Extract(be_plain, "b.txt");
  ASSERT_TRUE(be.ok()) << be.error().message;
  EXPECT_EQ(be->text, "Resume");
}

TEST(Extract, Latin1IsDecoded) {
  auto doc = Extract(
      "Fran\xE7ois M\xFCller \x96 \x80"
      "5k",
      "f.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->text,
            "Fran\xC3\xA7ois M\xC3\xBCller \xE2\x80\x93 \xE2\x82\xAC"
            "5k");
}

TEST(Extract, EmptyAndBlankFiles) {
  auto empty = Extract("", "empty.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "empty_file");
  EXPECT_NE(empty.error().message.find("empty.txt"), std::string::npos);
  auto blank = Extract(" \n\t\n", "blank.txt");
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().code, "empty_file");
}

TEST(Extract, SizeCap) {
  ExtractLimits limits;
  limits.max_bytes = 100;
  auto doc = Extract(std::string(101, 'a'), "big.txt", limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "file_too_large");
  EXPECT_NE(doc.error().message.find("big.txt"), std::string::npos);
}

TEST(Extract, ImagesLegacyOfficeAndBinaryAreUnsupported) {
  struct Case {
    std::string bytes;
    std::string says;
  };
  const Case cases[] = {
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "PNG"},
      {std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10), "JPEG"},
      {std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), "DOCX or PDF"},
      {std::string("\x01\x02\x03\0\x05\x06\x07\x08\0\x0A\x0B\x0C", 12), "binary"},
  };
  for (const Case& c : cases) {
    auto doc = Extract(c.bytes, "upload.pdf");
    ASSERT_FALSE(doc.ok()) << c.says;
    EXPECT_EQ(doc.error().code, "unsupported_type") << c.says;
    EXPECT_NE(doc.error().message.find(c.says), std::string::npos) << doc.error().message;
    EXPECT_NE(doc.error().message.find("upload.pdf"), std::string::npos);
  }
}

TEST(Extract, TimeBudgetIsEnforced) {
  ExtractLimits limits;
  limits.timeout = std::chrono::milliseconds(0);
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "{\\b word} ";
  auto doc = Extract("{\\rtf1 " + big + "}", "slow.rtf", limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "timeout");
}

TEST(Extract, KindNames) {
  EXPECT_EQ(ToString(DocumentKind::kPdf), "pdf");
  EXPECT_EQ(ToString(DocumentKind::kDocx), "docx");
  EXPECT_EQ(ToString(DocumentKind::kMarkdown), "markdown");
}

}  // namespace
}  // namespace shortlist::ingest
