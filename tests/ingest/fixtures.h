// Test fixtures written by the tests themselves: small PDFs, DOCX and ODT archives and zip bombs,
// so no binary files live in the repository and every fixture says what is in it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace shortlist::ingest::testing {

// A minimal PDF writer: Helvetica text at given positions (points, origin bottom-left as in
// PDF), optional image-only pages, optional (undecryptable) password protection.
class PdfBuilder {
 public:
  struct Text {
    double x, y, size;
    std::string text;  // ASCII
    double gray = 0;   // 0 black .. 1 white
  };
  struct Rect {
    double x, y, width, height;
    double gray = 0;  // filled, drawn before the page's text
  };
  PdfBuilder& Page(std::vector<Text> texts, bool with_image = false, std::vector<Rect> rects = {});
  PdfBuilder& ImagePage() { return Page({}, true); }
  PdfBuilder& Encrypted() {
    encrypted_ = true;
    return *this;
  }
  std::string Build() const;

 private:
  struct PageSpec {
    std::vector<Text> texts;
    bool image = false;
    std::vector<Rect> rects;
  };
  std::vector<PageSpec> pages_;
  bool encrypted_ = false;
};

// A zip archive of (name, content) entries, deflated; `stored_first` keeps the first entry
// uncompressed (ODF wants "mimetype" stored).
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries,
                    bool stored_first = false);

// A DOCX whose word/document.xml body is `body_xml` (w:p, w:tbl ... elements), plus optional
// header part content (w:p elements).
std::string MakeDocx(const std::string& body_xml, const std::string& header_xml = "");

// An ODT whose office:text holds `text_xml`, with automatic styles `styles_xml`.
std::string MakeOdt(const std::string& text_xml, const std::string& styles_xml = "");

}  // namespace shortlist::ingest::testing
