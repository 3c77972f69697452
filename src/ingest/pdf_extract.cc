// PDF -> text with poppler-cpp: words with positions from page::text_list, put in reading order
// by OrderWords (layout.h), and sorted into visible and hidden.
//
// Hidden text that poppler-cpp lets us see: words in a font too small to read (under
// kTinyFontPoints) and words outside the page's crop box (poppler itself drops glyphs outside
// the media box, so those never reach the text at all). Colour is not exposed by
// poppler-cpp (white-on-white needs poppler-glib's text attributes or rendering the page), so
// same-colour text is not detected for PDF; DOCX, ODT, RTF and HTML do detect white text.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

#include "ingest/internal.h"
#include "ingest/layout.h"

namespace shortlist::ingest::internal {
namespace {

constexpr double kTinyFontPoints = 3.0;

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

std::string ToUtf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// A truncated download keeps the header but loses the trailer; poppler would often rebuild the
// cross-reference table and return part of the text, silently. A complete PDF ends with %%EOF
// (some writers append a little padding after it).
bool LooksTruncated(std::string_view bytes) {
  const std::size_t tail = std::min<std::size_t>(bytes.size(), 2048);
  return bytes.substr(bytes.size() - tail).find("%%EOF") == std::string_view::npos;
}

}  // namespace

Result<RawText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits,
                           const Deadline& deadline) {
  SilencePoppler();
  if (LooksTruncated(bytes)) {
    return Error::Make("corrupt_file", "the PDF is truncated (no end-of-file marker)");
  }
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Error::Make("corrupt_file", "the PDF is damaged and cannot be read");
  if (doc->is_locked()) {
    return Error::Make("pdf_encrypted", "the PDF is protected by a password");
  }
  const int page_count = doc->pages();
  if (page_count <= 0) return Error::Make("corrupt_file", "the PDF has no pages");

  RawText out;
  out.pages = std::min(page_count, std::max(1, limits.max_pages));
  std::size_t words_seen = 0;
  for (int p = 0; p < out.pages; ++p) {
    if (deadline.Expired()) return TimeoutError();
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    const poppler::rectf box = page->page_rect(poppler::crop_box);
    std::vector<PositionedWord> visible;
    std::string hidden_line;
    for (const poppler::text_box& tb : page->text_list(poppler::page::text_list_include_font)) {
      std::string text = ToUtf8(tb.text());
      if (text.empty()) continue;
      ++words_seen;
      const poppler::rectf r = tb.bbox();
      PositionedWord w{std::move(text), r.left(), r.top(), r.right(), r.bottom(),
                       tb.has_font_info() ? tb.get_font_size() : r.height()};
      const bool tiny = std::max(w.font_size, w.y1 - w.y0) < kTinyFontPoints;
      const bool off_page = w.x1 <= 0 || w.y1 <= 0 || w.x0 >= box.width() || w.y0 >= box.height();
      if (tiny || off_page) {
        if (!hidden_line.empty()) hidden_line.push_back(' ');
        hidden_line += w.text;
      } else {
        visible.push_back(std::move(w));
      }
    }
    if (!visible.empty()) {
      if (!out.text.empty()) out.text += "\n\n";
      out.text += OrderWords(std::move(visible));
    }
    if (!hidden_line.empty()) {
      if (!out.hidden.empty()) out.hidden.push_back('\n');
      out.hidden += hidden_line;
    }
  }
  if (words_seen == 0) {
    return Error::Make("no_text_layer",
                       "the PDF has no text layer (a scanned image?); send a PDF with text or "
                       "the text itself");
  }
  return out;
}

}  // namespace shortlist::ingest::internal
