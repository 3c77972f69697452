// PDF -> text with poppler-cpp: words with positions from page::text_list, put in reading order
// by OrderWords (layout.h), and sorted into visible and hidden.
//
// Hidden text:
//  - tiny: a font under kTinyFontPoints;
//  - off the page: boxes outside the crop box (poppler itself drops glyphs outside the media
//    box, so those never reach the text at all);
//  - invisible (ExtractLimits::render_pdf_pages): poppler-cpp does not expose text colour, so
//    each page is rendered at kRenderDpi and a word whose box is one flat colour left no ink:
//    white on white, text in the background's colour, or invisible render mode. White text on
//    a dark banner leaves ink and stays visible; invisible OCR text over a scan sits on the
//    scan's pixels and stays visible. A font that left no ink anywhere in the document is
//    assumed to be missing from the system (not rendered), and its words are kept visible:
//    hidden text set in a font used for nothing else goes undetected. Words in the outer
//    kMarginShare of the page are not judged: converters from HTML clip lines at page breaks
//    and at the right margin, which leaves flat fragments that nobody hid on purpose (on the
//    public resume set this rule removes every false flag).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "ingest/internal.h"
#include "ingest/layout.h"

namespace shortlist::ingest::internal {
namespace {

constexpr double kTinyFontPoints = 3.0;
constexpr double kRenderDpi = 36.0;
constexpr int kFlatRange = 16;  // grey levels: a box whose pixels vary less left no ink
constexpr double kMarginShare = 0.06;

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
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

enum class Ink { kUnknown, kInk, kFlat };

struct PageWord {
  PositionedWord word;
  std::string font;
  bool hidden = false;  // tiny or off the page
  Ink ink = Ink::kUnknown;
};

// Whether the word's box on the rendered page holds any ink.
Ink InkIn(const poppler::image& img, const PositionedWord& w) {
  const double scale = kRenderDpi / 72.0;
  const int x0 = std::max(0, static_cast<int>(w.x0 * scale));
  const int y0 = std::max(0, static_cast<int>(w.y0 * scale));
  const int x1 = std::min(img.width(), static_cast<int>(w.x1 * scale + 0.999));
  const int y1 = std::min(img.height(), static_cast<int>(w.y1 * scale + 0.999));
  if (x1 - x0 < 2 || y1 - y0 < 2) return Ink::kUnknown;
  const char* data = img.const_data();
  int lo = 255, hi = 0;
  for (int y = y0; y < y1; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(data + y * img.bytes_per_row());
    for (int x = x0; x < x1; ++x) {
      lo = std::min<int>(lo, row[x]);
      hi = std::max<int>(hi, row[x]);
    }
  }
  return hi - lo > kFlatRange ? Ink::kInk : Ink::kFlat;
}

// A page's words with their boxes; a word is hidden when it is tiny or off the page.
std::vector<PageWord> PageWords(poppler::page& page, std::size_t* words_seen) {
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  std::vector<PageWord> words;
  for (const poppler::text_box& tb : page.text_list(poppler::page::text_list_include_font)) {
    std::string text = ToUtf8(tb.text());
    if (text.empty()) continue;
    ++*words_seen;
    const poppler::rectf r = tb.bbox();
    PageWord pw;
    pw.word = PositionedWord{std::move(text), r.left(),
                             r.top(),         r.right(),
                             r.bottom(),      tb.has_font_info() ? tb.get_font_size() : r.height()};
    pw.font = tb.has_font_info() ? tb.get_font_name() : std::string();
    const PositionedWord& w = pw.word;
    const bool tiny = std::max(w.font_size, w.y1 - w.y0) < kTinyFontPoints;
    const bool off_page = w.x1 <= 0 || w.y1 <= 0 || w.x0 >= box.width() || w.y0 >= box.height();
    pw.hidden = tiny || off_page;
    words.push_back(std::move(pw));
  }
  return words;
}

// Renders the page and records, for each word away from the margins, whether it leaves ink; a
// font that leaves ink somewhere is a visible font (font_leaves_ink).
void MarkInk(poppler::page_renderer& renderer, poppler::page& page, std::vector<PageWord>& words,
             std::map<std::string, bool>* font_leaves_ink) {
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  const poppler::image img = renderer.render_page(&page, kRenderDpi, kRenderDpi);
  if (!img.is_valid() || img.format() != poppler::image::format_gray8) return;
  const double mx = kMarginShare * box.width(), my = kMarginShare * box.height();
  for (PageWord& pw : words) {
    const PositionedWord& w = pw.word;
    if (pw.hidden || w.x0 < mx || w.y0 < my || w.x1 > box.width() - mx ||
        w.y1 > box.height() - my) {
      continue;
    }
    pw.ink = InkIn(img, pw.word);
    if (pw.ink == Ink::kInk) (*font_leaves_ink)[pw.font] = true;
  }
}

// Joins the pages' visible words in reading order into out->text and the hidden ones (tiny,
// off the page, or in a font that leaves ink elsewhere but not here) into out->hidden.
void JoinPages(std::vector<std::vector<PageWord>>& pages,
               const std::map<std::string, bool>& font_leaves_ink, RawText* out) {
  for (auto& words : pages) {
    std::vector<PositionedWord> visible;
    std::string hidden_line;
    for (PageWord& pw : words) {
      const bool invisible = pw.ink == Ink::kFlat && font_leaves_ink.count(pw.font) > 0;
      if (pw.hidden || invisible) {
        if (!hidden_line.empty()) hidden_line.push_back(' ');
        hidden_line += pw.word.text;
      } else {
        visible.push_back(std::move(pw.word));
      }
    }
    if (!visible.empty()) {
      if (!out->text.empty()) out->text += "\n\n";
      out->text += OrderWords(std::move(visible));
    }
    if (!hidden_line.empty()) {
      if (!out->hidden.empty()) out->hidden.push_back('\n');
      out->hidden += hidden_line;
    }
  }
}

}  // namespace

Result<RawText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits,
                           const Deadline& deadline) {
  SilencePoppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Error::Make("file_too_large", "the PDF is too large to read");
  }
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
  if (out.pages < page_count) out.flags.push_back("pages_truncated");
  std::vector<std::vector<PageWord>> pages(static_cast<std::size_t>(out.pages));
  std::map<std::string, bool> font_leaves_ink;
  std::size_t words_seen = 0;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);

  for (int p = 0; p < out.pages; ++p) {
    if (deadline.Expired()) return TimeoutError();
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    auto& words = pages[static_cast<std::size_t>(p)];
    words = PageWords(*page, &words_seen);
    // Rotated pages render in another frame than the word boxes; they are not checked.
    if (limits.render_pdf_pages && !words.empty() &&
        page->orientation() == poppler::page::portrait) {
      if (deadline.Expired()) return TimeoutError();
      MarkInk(renderer, *page, words, &font_leaves_ink);
    }
  }
  if (words_seen == 0) {
    return Error::Make("no_text_layer",
                       "the PDF has no text layer (a scanned image?); send a PDF with text or "
                       "the text itself");
  }
  JoinPages(pages, font_leaves_ink, &out);
  return out;
}

}  // namespace shortlist::ingest::internal
