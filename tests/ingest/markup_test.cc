// RTF, HTML and Markdown: text kept, markup dropped, hidden text reported.
#include <gtest/gtest.h>

#include <string>

#include "ingest/ingest.h"

namespace shortlist::ingest {
namespace {

TEST(RtfExtract, TextEscapesUnicodeAndTables) {
  const std::string rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}"
      "{\\colortbl;\\red0\\green0\\blue0;}"
      "{\\*\\generator Writer}{\\info{\\title Secret title}}"
      "\\pard Ren\\'e9 Dubois\\par "
      "Caf\\u233?-owner \\endash  barista\\par "
      "\\trowd\\cellx1000\\cellx2000 Skill\\cell Level\\cell\\row "
      "Braces \\{ and \\} and backslash \\\\\\par}";
  auto doc = Extract(rtf, "rene.rtf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kRtf);
  EXPECT_EQ(
      doc->text,
      "René Dubois\nCafé-owner \u2013 barista\nSkill\tLevel\nBraces { and } and backslash \\");
  EXPECT_TRUE(doc->flags.empty());
}

TEST(RtfExtract, HiddenTinyAndWhiteTextIsReported) {
  const std::string rtf =
      "{\\rtf1\\ansi{\\colortbl;\\red255\\green255\\blue255;\\red0\\green0\\blue0;}"
      "Visible text\\par {\\v hidden words}\\par {\\fs2 tiny words}\\par "
      "{\\cf1 white words}\\par {\\cf2 black words}\\par}";
  auto doc = Extract(rtf, "x.rtf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->text, "Visible text\nblack words");
  EXPECT_EQ(doc->hidden_text, "hidden words\ntiny words\nwhite words");
  EXPECT_EQ(doc->flags, std::vector<std::string>{"hidden_text"});
}

TEST(RtfExtract, DeepNestingIsCorruptNotACrash) {
  const std::string rtf = "{\\rtf1 " + std::string(100000, '{') + "x";
  auto doc = Extract(rtf, "deep.rtf");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "corrupt_file");
}

TEST(HtmlExtract, BlocksTablesEntitiesAndDroppedElements) {
  const std::string html =
      "<!DOCTYPE html><html><head><title>CV</title><style>p{color:red}</style></head><body>"
      "<h1>Sam  Lee</h1><p>Full-stack&nbsp;developer &amp; <b>mentor</b> &#8211; "
      "caf&eacute; &#150; bar&#0;</p><script>var x = '<p>not text</p>';</script>"
      "<table><tr><td>React</td><td>5 yrs</td></tr></table>"
      "<ul><li>One</li><li>Two<br>lines</li></ul><!-- a comment --></body></html>";
  auto doc = Extract(html, "sam.html");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kHtml);
  EXPECT_EQ(doc->text,
            "Sam Lee\n\nFull-stack developer & mentor \u2013 café \u2013 bar\uFFFD\n\n"
            "React\t5 yrs\n\nOne\nTwo\nlines");
  EXPECT_TRUE(doc->flags.empty());
}

TEST(HtmlExtract, HiddenElementsAreReported) {
  const std::string html =
      "<html><body><p>Warehouse associate</p>"
      "<div style=\"display: none\">machine learning</div>"
      "<span style=\"color:#FFFFFF\">deep learning</span>"
      "<p hidden>kubernetes</p>"
      "<span style=\"font-size:1px\">terraform</span>"
      "<div style=\"background:#003366;color:white\">Visible banner</div></body></html>";
  auto doc = Extract(html, "x.html");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->text, "Warehouse associate\n\nVisible banner");
  EXPECT_EQ(doc->hidden_text, "machine learning\ndeep learning\nkubernetes\nterraform");
  EXPECT_EQ(doc->flags, std::vector<std::string>{"hidden_text"});
}

TEST(MarkdownExtract, MarkupGoesTextStays) {
  const std::string md =
      "# Kim Park\n\n**Data analyst** with _SQL_ skills.\n\n## Links\n"
      "- [GitHub](https://github.com/kim)\n* Tableau & Excel\n\n---\n"
      "```\ncode stays\n```\n";
  auto doc = Extract(md, "kim.md");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->kind, DocumentKind::kMarkdown);
  EXPECT_EQ(doc->text,
            "Kim Park\n\nData analyst with _SQL_ skills.\n\nLinks\n- GitHub "
            "(https://github.com/kim)\n- Tableau & Excel\n\ncode stays");
}

}  // namespace
}  // namespace shortlist::ingest
