// PDF extraction: reading order, hidden text, and the failures a recruiter meets (password,
// truncated download, scanned image, damaged file).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "ingest/ingest.h"

namespace shortlist::ingest {
namespace {

using testing::PdfBuilder;
using Text = PdfBuilder::Text;

std::size_t Find(const std::string& haystack, const std::string& needle) {
  const std::size_t at = haystack.find(needle);
  EXPECT_NE(at, std::string::npos) << "missing \"" << needle << "\" in:\n" << haystack;
  return at;
}

TEST(PdfExtract, ReadsTextOfEveryPage) {
  const std::string pdf = PdfBuilder()
                              .Page({{72, 720, 12, "Jane Doe, Senior Data Engineer"},
                                     {72, 700, 11, "Built Spark pipelines in Python"}})
                              .Page({{72, 720, 11, "Education: MSc Computer Science"}})
                              .Build();
  auto doc = Extract(pdf, "jane.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kPdf);
  EXPECT_EQ(doc->pages, 2);
  EXPECT_LT(Find(doc->text, "Jane Doe, Senior Data Engineer"),
            Find(doc->text, "Built Spark pipelines in Python"));
  Find(doc->text, "Education: MSc Computer Science");
  EXPECT_TRUE(doc->flags.empty());
}

// A header across the page, then two columns with different line spacing, the way resume
// templates put a skills sidebar beside the experience. Read line by line across the page, the
// columns would interleave.
TEST(PdfExtract, TwoColumnsAreReadOneAfterTheOther) {
  std::vector<Text> texts = {{72, 740, 16, "Alex Morgan - Backend Engineer"}};
  const char* left[] = {
      "SKILLS",    "Go and Rust",       "PostgreSQL tuning", "Kubernetes operators",
      "LANGUAGES", "English and German"};
  const char* right[] = {"EXPERIENCE",
                         "Acme Corp 2019 to 2023",
                         "Designed the billing service",
                         "Cut p99 latency by forty percent",
                         "Mentored four engineers",
                         "Globex 2016 to 2019",
                         "Maintained the payments gateway"};
  double y = 700;
  for (const char* l : left) texts.push_back({72, y, 10, l}), y -= 17;
  y = 700;
  for (const char* r : right) texts.push_back({300, y, 10, r}), y -= 13;
  auto doc = Extract(PdfBuilder().Page(texts).Build(), "alex.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const std::string& t = doc->text;
  EXPECT_LT(Find(t, "Alex Morgan"), Find(t, "SKILLS"));
  // Each column's lines appear whole and in order, and one column ends before the other starts.
  std::size_t previous = 0;
  for (const char* l : left) {
    const std::size_t at = Find(t, l);
    EXPECT_GT(at, previous) << l << " in:\n" << t;
    previous = at;
  }
  for (const char* r : right) {
    const std::size_t at = Find(t, r);
    EXPECT_GT(at, previous) << r << " in:\n" << t;
    previous = at;
  }
}

// A right-aligned date is part of its line, not a column of its own.
TEST(PdfExtract, RightAlignedDatesStayOnTheirLine) {
  auto doc = Extract(PdfBuilder()
                         .Page({{72, 720, 11, "Senior Engineer, Initech"},
                                {460, 720, 11, "2019 - 2023"},
                                {72, 706, 10, "Led the migration to event sourcing"},
                                {72, 680, 11, "Engineer, Hooli"},
                                {460, 680, 11, "2015 - 2019"},
                                {72, 666, 10, "Built the search indexer"}})
                         .Build(),
                     "dates.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_NE(doc->text.find("Senior Engineer, Initech\t2019 - 2023\n"), std::string::npos)
      << doc->text;
  EXPECT_NE(doc->text.find("Engineer, Hooli\t2015 - 2019\n"), std::string::npos) << doc->text;
}

// Off-page text is dropped by poppler before we see it, so it never counts; it is not flagged.
TEST(PdfExtract, TinyAndOffPageTextIsNotRead) {
  auto doc = Extract(PdfBuilder()
                         .Page({{72, 720, 11, "Office manager with payroll experience"},
                                {72, 100, 1, "kubernetes terraform golang"},
                                {900, 400, 11, "principal architect"}})
                         .Build(),
                     "stuffed.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_NE(doc->text.find("payroll"), std::string::npos);
  EXPECT_EQ(doc->text.find("kubernetes"), std::string::npos) << doc->text;
  EXPECT_EQ(doc->text.find("architect"), std::string::npos) << doc->text;
  EXPECT_NE(doc->hidden_text.find("kubernetes terraform golang"), std::string::npos);
  ASSERT_EQ(doc->flags.size(), 1u);
  EXPECT_EQ(doc->flags[0], "hidden_text");
}

TEST(PdfExtract, WhiteOnWhiteIsHiddenButWhiteOnADarkBannerIsNot) {
  const std::string pdf = PdfBuilder()
                              .Page({{72, 720, 12, "Visible summary: retail supervisor"},
                                     {72, 600, 12, "kubernetes terraform golang", /*gray=*/1.0},
                                     {80, 480, 14, "Banner heading in white", /*gray=*/1.0}},
                                    /*with_image=*/false, {{60, 470, 400, 30, /*gray=*/0.15}})
                              .Build();
  auto doc = Extract(pdf, "white.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_NE(doc->text.find("Visible summary: retail supervisor"), std::string::npos);
  EXPECT_NE(doc->text.find("Banner heading in white"), std::string::npos) << doc->text;
  EXPECT_EQ(doc->text.find("kubernetes"), std::string::npos) << doc->text;
  EXPECT_EQ(doc->hidden_text, "kubernetes terraform golang");
  EXPECT_EQ(doc->flags, std::vector<std::string>{"hidden_text"});

  ExtractLimits no_render;
  no_render.render_pdf_pages = false;
  auto fast = Extract(pdf, "white.pdf", no_render);
  ASSERT_TRUE(fast.ok()) << fast.error().message;
  EXPECT_NE(fast->text.find("kubernetes terraform golang"), std::string::npos);
}

TEST(PdfExtract, PasswordProtectedPdfIsRefusedByName) {
  const std::string pdf = PdfBuilder().Page({{72, 720, 12, "Secret resume"}}).Encrypted().Build();
  auto doc = Extract(pdf, "locked.pdf");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "pdf_encrypted");
  EXPECT_NE(doc.error().message.find("locked.pdf"), std::string::npos);
}

TEST(PdfExtract, TruncatedDownloadIsCorrupt) {
  const std::string pdf = PdfBuilder().Page({{72, 720, 12, "Half a resume"}}).Build();
  auto doc = Extract(pdf.substr(0, pdf.size() * 2 / 3), "cut.pdf");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "corrupt_file");
  EXPECT_NE(doc.error().message.find("cut.pdf"), std::string::npos);
  EXPECT_NE(doc.error().message.find("truncated"), std::string::npos);
}

TEST(PdfExtract, ScannedImageOnlyPdfHasNoTextLayer) {
  auto doc = Extract(PdfBuilder().ImagePage().ImagePage().Build(), "scan.pdf");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "no_text_layer");
  EXPECT_NE(doc.error().message.find("scan.pdf"), std::string::npos);
}

TEST(PdfExtract, GarbageAfterTheHeaderIsCorrupt) {
  std::string junk = "%PDF-1.7\n";
  for (int i = 0; i < 200; ++i) junk += "obj<<garbage " + std::to_string(i * 7919) + ">>\n";
  junk += "%%EOF\n";
  auto doc = Extract(junk, "junk.pdf");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "corrupt_file");
}

TEST(PdfExtract, PageCapStopsReading) {
  PdfBuilder b;
  for (int p = 1; p <= 5; ++p) b.Page({{72, 720, 12, "Page number " + std::to_string(p)}});
  ExtractLimits limits;
  limits.max_pages = 2;
  auto doc = Extract(b.Build(), "long.pdf", limits);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->pages, 2);
  EXPECT_NE(doc->text.find("Page number 2"), std::string::npos);
  EXPECT_EQ(doc->text.find("Page number 3"), std::string::npos);
  EXPECT_EQ(doc->flags, std::vector<std::string>{"pages_truncated"});
}

TEST(PdfExtract, ConcurrentExtractionsAgree) {
  const std::string pdf =
      PdfBuilder()
          .Page({{72, 720, 12, "Concurrent reader test"}, {300, 500, 12, "right side words"}})
          .Build();
  auto expected = Extract(pdf, "a.pdf");
  ASSERT_TRUE(expected.ok());
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto doc = Extract(pdf, "a.pdf");
        got[t] = doc.ok() ? doc->text : doc.error().code;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, expected->text);
}

}  // namespace
}  // namespace shortlist::ingest
