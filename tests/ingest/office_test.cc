// DOCX and ODT: paragraphs, tables, headers, hidden runs; zip bombs and damaged archives.
#include <gtest/gtest.h>

#include <string>

#include "fixtures.h"
#include "ingest/ingest.h"

namespace shortlist::ingest {
namespace {

using testing::MakeDocx;
using testing::MakeOdt;
using testing::MakeZip;

std::string P(const std::string& text, const std::string& run_props = "") {
  return "<w:p><w:r>" + (run_props.empty() ? "" : "<w:rPr>" + run_props + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

TEST(DocxExtract, ParagraphsTablesAndHeaderInOrder) {
  const std::string body =
      P("Professional summary") + P("Ten years of &amp; payroll") + "<w:tbl><w:tr><w:tc>" +
      P("Skill") + "</w:tc><w:tc>" + P("Years") + "</w:tc></w:tr>" + "<w:tr><w:tc>" + P("SAP") +
      "</w:tc><w:tc>" + P("7") + "</w:tc></w:tr></w:tbl>" +
      "<w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>separated</w:t><w:br/><w:t>next line</w:t></w:r></w:p>";
  auto doc = Extract(MakeDocx(body, P("Maria Lopez - maria@example.com")), "maria.docx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kDocx);
  EXPECT_EQ(doc->text,
            "Maria Lopez - maria@example.com\nProfessional summary\nTen years of & payroll\n"
            "Skill\tYears\nSAP\t7\nTab\tseparated\nnext line");
  EXPECT_TRUE(doc->flags.empty());
}

TEST(DocxExtract, KindComesFromTheBytesNotTheName) {
  auto doc = Extract(MakeDocx(P("Named like a PDF")), "resume.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kDocx);
}

TEST(DocxExtract, HiddenWhiteAndTinyRunsAreReportedNotRead) {
  const std::string body =
      P("Customer service lead") + P("hidden keyword kubernetes", "<w:vanish/>") +
      P("white keyword terraform", "<w:color w:val=\"FFFFFF\"/>") +
      P("tiny keyword golang", "<w:sz w:val=\"2\"/>") +
      "<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill=\"1F3864\"/></w:tcPr>" +
      P("White on navy is visible", "<w:color w:val=\"FFFFFF\"/>") + "</w:tc></w:tr></w:tbl>";
  auto doc = Extract(MakeDocx(body), "cv.docx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->text, "Customer service lead\nWhite on navy is visible");
  EXPECT_EQ(doc->hidden_text,
            "hidden keyword kubernetes\nwhite keyword terraform\ntiny keyword golang");
  ASSERT_EQ(doc->flags.size(), 1u);
  EXPECT_EQ(doc->flags[0], "hidden_text");
}

TEST(DocxExtract, TextBoxesAreReadOnceAndDeletionsNot) {
  const std::string box = "<w:txbxContent>" + P("Sidebar: Python, SQL") + "</w:txbxContent>";
  const std::string body =
      "<w:p><w:r><mc:AlternateContent><mc:Choice>" + box + "</mc:Choice><mc:Fallback>" + box +
      "</mc:Fallback></mc:AlternateContent></w:r></w:p>" +
      "<w:p><w:del><w:r><w:delText>removed words</w:delText></w:r></w:del><w:r><w:t>kept "
      "words</w:t></w:r></w:p>";
  auto doc = Extract(MakeDocx(body), "box.docx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->text, "Sidebar: Python, SQL\nkept words");
}

TEST(DocxExtract, ZipBombIsRefused) {
  // 40 MiB of spaces deflates to about 40 KiB: a ratio near 1000.
  const std::string inflated =
      "<w:p><w:r><w:t>" + std::string(40u << 20, ' ') + "</w:t></w:r></w:p>";
  auto doc = Extract(MakeDocx(inflated), "bomb.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "file_too_large");
  EXPECT_NE(doc.error().message.find("bomb.docx"), std::string::npos);
}

TEST(DocxExtract, InflatedSizeBudgetApplies) {
  ExtractLimits limits;
  limits.max_uncompressed = 4096;
  std::string body;
  for (int i = 0; i < 200; ++i) body += P("Paragraph number " + std::to_string(i));
  auto doc = Extract(MakeDocx(body), "long.docx", limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "file_too_large");
}

TEST(DocxExtract, TruncatedArchiveIsCorrupt) {
  const std::string docx = MakeDocx(P("Truncated resume text"));
  auto doc = Extract(docx.substr(0, docx.size() - 40), "cut.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "corrupt_file");
  EXPECT_NE(doc.error().message.find("cut.docx"), std::string::npos);
}

TEST(DocxExtract, BrokenXmlIsCorrupt) {
  auto doc = Extract(MakeZip({{"word/document.xml", "<w:document><w:body><w:p>"}}), "bad.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "corrupt_file");
}

TEST(ZipExtract, OtherArchivesAreUnsupported) {
  auto zip = Extract(MakeZip({{"notes.txt", "hello"}}), "archive.zip");
  ASSERT_FALSE(zip.ok());
  EXPECT_EQ(zip.error().code, "unsupported_type");
  auto xlsx = Extract(MakeZip({{"xl/workbook.xml", "<workbook/>"}}), "sheet.xlsx");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.error().code, "unsupported_type");
  EXPECT_NE(xlsx.error().message.find("XLSX"), std::string::npos);
}

TEST(OdtExtract, HeadingsParagraphsListsTablesAndStyles) {
  const std::string styles =
      "<style:style style:name=\"Hid\" style:family=\"text\"><style:text-properties "
      "text:display=\"none\"/></style:style>"
      "<style:style style:name=\"White\" style:family=\"text\"><style:text-properties "
      "fo:color=\"#ffffff\"/></style:style>";
  const std::string text =
      "<text:h>Priya Nair</text:h>"
      "<text:p>Nurse<text:s text:c=\"3\"/>practitioner<text:tab/>ICU<text:line-break/>"
      "Boston</text:p>"
      "<text:list><text:list-item><text:p>Triage</text:p></text:list-item></text:list>"
      "<table:table><table:table-row><table:table-cell><text:p>BLS</text:p></table:table-cell>"
      "<table:table-cell><text:p>2024</text:p></table:table-cell></table:table-row></table:table>"
      "<text:p>Visible <text:span text:style-name=\"Hid\">secret one</text:span>"
      "<text:span text:style-name=\"White\">secret two</text:span></text:p>";
  auto doc = Extract(MakeOdt(text, styles), "priya.odt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kOdt);
  EXPECT_EQ(doc->text, "Priya Nair\nNurse practitioner\tICU\nBoston\nTriage\nBLS\t2024\nVisible");
  EXPECT_EQ(doc->hidden_text, "secret onesecret two");
  EXPECT_EQ(doc->flags, std::vector<std::string>{"hidden_text"});
}

TEST(OdtExtract, OtherOpenDocumentKindsAreUnsupported) {
  auto doc = Extract(MakeZip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                              {"content.xml", "<x/>"}},
                             true),
                     "sheet.ods");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "unsupported_type");
}

}  // namespace
}  // namespace shortlist::ingest
