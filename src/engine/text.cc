#include "engine/text.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/charset.h"
#include "common/html_entities.h"

namespace shortlist::engine {
namespace {

// ASCII replacement for common typographic code points; nullptr when the code point is kept.
const char* AsciiFor(int32_t cp) {
  switch (cp) {
    case 0x00A0:
    case 0x2002:
    case 0x2003:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x3000:
      return " ";
    case 0x200B:
    case 0xFEFF:
    case 0x00AD:
      return "";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFF0D:
      return "-";
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2033:
      return "\"";
    case 0x2022:
    case 0x2023:
    case 0x25CF:
    case 0x25AA:
    case 0x25A0:
    case 0x25E6:
    case 0x2043:
    case 0x2219:
    case 0x00B7:
    case 0x27A2:
    case 0x2756:
    case 0x25BA:
    case 0x2666:
    case 0xF0B7:
    case 0xF0A7:
    case 0xF0D8:
    case 0x2713:
    case 0x2714:
    case 0x25C6:
    case 0x2605:
    case 0x25CB:
      return "*";
    case 0x2026:
      return "...";
    case 0xFF0C:
      return ",";
    case 0xFF1A:
      return ":";
    default:
      return nullptr;
  }
}

// Appends the text a decoded character reference stands for: a line end stays one, a tab or
// another control character is a space, typographic punctuation its ASCII (as NormalizeText
// treats them unencoded).
void AppendReferenced(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    const bool printable = cp >= 0x20 && cp != 0x7F;
    out.push_back(printable ? static_cast<char>(cp) : cp == '\n' || cp == '\r' ? '\n' : ' ');
  } else if (const char* rep = AsciiFor(cp)) {
    out.append(rep);
  } else {
    AppendUtf8(out, static_cast<char32_t>(cp));
  }
}

// Decodes the HTML character references of `text` (common/html_entities.h), which NormalizeText
// has already made of ASCII around them. Text exported from web forms and applicant tracking
// systems keeps them ("Recruitment &amp; Retention": 37 of the 147 DataTurks resumes); a bare "&"
// ("AT&T", "R&D") is none. Copies the text only when there is one (a few '&' in most resumes,
// rarely one that opens a reference).
void DecodeCharacterReferences(std::string* text) {
  std::string out;
  size_t copied = 0;
  for (size_t amp = text->find('&'); amp != std::string::npos; amp = text->find('&', amp + 1)) {
    size_t len = 0;
    const int32_t cp = shortlist::DecodeCharacterReference(*text, amp, &len);
    if (cp < 0) continue;
    if (copied == 0) out.reserve(text->size());
    out.append(*text, copied, amp - copied);
    AppendReferenced(out, cp);
    copied = amp + len;
    amp = copied - 1;
  }
  if (copied == 0) return;
  out.append(*text, copied);
  text->swap(out);
}

// The bytes NormalizeText copies unchanged: printable ASCII and '\n'. (A table: one lookup per
// byte of every resume instead of three comparisons.)
struct KeptAsIsTable {
  bool kept[256] = {};
  constexpr KeptAsIsTable() {
    for (int c = 0; c < 256; ++c) kept[c] = (c >= 0x20 && c < 0x7F) || c == '\n';
  }
};
constexpr KeptAsIsTable kKeptAsIs;

}  // namespace

std::string NormalizeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Fast path: a run of printable ASCII (and '\n') is copied as it is, in one append.
    size_t run = i;
#if defined(__SSE2__)
    // Sixteen bytes at a time while they are all kept (most of a resume is plain ASCII).
    for (; run + 16 <= text.size(); run += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + run));
      const __m128i kept = _mm_or_si128(text_internal::InRange(x, 0x20, 0x7F - 0x20),
                                        _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
      const uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(kept));
      if (mask != 0xFFFFu) {
        run += static_cast<size_t>(__builtin_ctz(~mask));
        break;
      }
    }
#endif
    while (run < text.size() && kKeptAsIs.kept[static_cast<unsigned char>(text[run])]) ++run;
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      if (i >= text.size()) break;
    }
    char c = text[i];
    unsigned char uc = static_cast<unsigned char>(c);
    if (uc < 0x80) {
      if (c == '\r') {
        out.push_back('\n');
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else if (c == '\t' || c == '\v') {
        out.push_back(' ');
      } else if (c == '\f') {
        out.push_back('\n');
      } else if (uc >= 0x20 || c == '\n') {
        out.push_back(c);
      }
      ++i;
      continue;
    }
    size_t len = 1;
    int32_t cp = DecodeUtf8(text, i, &len);
    bool repaired = false;
    if (cp >= 0xC2 && cp <= 0xEF) {
      size_t repaired_len = 0;
      const int32_t meant = RepairMojibake(text, i, cp, len, &repaired_len);
      if (meant >= 0) {
        cp = meant;
        len = repaired_len;
        repaired = true;
      }
    }
    if (cp < 0) {
      out.push_back(' ');
    } else if (!repaired && cp == 0xC2 &&
               (i + len == text.size() || text[i + len] == ' ' || text[i + len] == '\n' ||
                text.compare(i + len, 2, "\xc3\x82") == 0)) {
      // "Â" left of a non-breaking space decoded as Latin-1 upstream whose second byte became a
      // plain space or was trimmed at the end of a line ("Â Â", "improvedÂ\n"), common in PDF
      // text. ("Â" + a non-breaking space itself is repaired above.) Drop it.
    } else if (const char* rep = AsciiFor(cp)) {
      out.append(rep);
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));  // full-width ASCII
    } else if (cp >= 0xE000 && cp <= 0xF8FF) {
      out.push_back('*');  // private-use glyphs in PDFs are nearly always bullets
    } else if (repaired) {
      AppendUtf8(out, static_cast<char32_t>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  DecodeCharacterReferences(&out);
  return out;
}

std::string AsciiLowerCopy(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  // memchr finds the line ends many bytes at a time (this runs over every resume).
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  while (true) {
    const void* nl = p == end ? nullptr : std::memchr(p, '\n', static_cast<size_t>(end - p));
    const char* stop = nl ? static_cast<const char*>(nl) : end;
    lines.push_back(
        Line{std::string_view(p, static_cast<size_t>(stop - p)), static_cast<size_t>(p - begin)});
    if (!nl) break;
    p = stop + 1;
  }
  return lines;
}

namespace {

// Set bits of a 16-bit mask, inline (without -mpopcnt, __builtin_popcount is a libgcc call).
int PopCount16(uint32_t x) {
  x = x - ((x >> 1) & 0x5555u);
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  return static_cast<int>((x + (x >> 8)) & 0x1Fu);
}

}  // namespace

int CountWords(std::string_view s) {
  // A word starts wherever a word byte follows a non-word byte: the bits of the word-byte mask
  // not preceded by a set bit (the previous block's last byte carries in).
  int n = 0;
  uint32_t in = 0;
  for (size_t i = 0; i < s.size(); i += 16) {
    const size_t len = std::min<size_t>(16, s.size() - i);
    const uint32_t word = WordByteMask(s.data() + i, len);
    n += PopCount16(word & ~((word << 1) | in) & 0xFFFFu);
    in = (word >> (len - 1)) & 1;
  }
  return n;
}

}  // namespace shortlist::engine
