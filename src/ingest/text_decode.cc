#include "ingest/text_decode.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>

namespace shortlist::ingest {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid: DecodeUtf8 reads its
// shape; an overlong form, a surrogate or a code point past U+10FFFF is refused here too.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  std::size_t len = 1;
  const int32_t cp = DecodeUtf8(s, i, &len);
  if (cp < 0) return 0;
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};  // by length
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string DecodeUtf16(std::string_view b, bool little_endian) {
  std::string out;
  out.reserve(b.size());
  auto unit = [&](std::size_t i) -> char16_t {
    const auto lo = static_cast<unsigned char>(b[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(b[little_endian ? i + 1 : i]);
    return static_cast<char16_t>((hi << 8) | lo);
  };
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
    const char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
      const char16_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(v) - 0xDC00));
        i += 2;
        continue;
      }
    }
    AppendUtf8(out, u);  // lone surrogates become U+FFFD inside AppendUtf8
  }
  return out;
}

std::string DecodeCp1252(std::string_view b) {
  std::string out;
  out.reserve(b.size() + b.size() / 8);
  for (char ch : b) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0) {
      const char16_t m = kCp1252High[c - 0x80];
      AppendUtf8(out, m == 0 ? 0xFFFD : m);
    } else {
      AppendUtf8(out, c);
    }
  }
  return out;
}

// BOM-less UTF-16 shows as NULs in every other byte of mostly-ASCII text.
int GuessUtf16(std::string_view b) {
  const std::size_t n = std::min<std::size_t>(b.size() & ~std::size_t{1}, 4096);
  if (n < 4) return 0;
  std::size_t even_nuls = 0, odd_nuls = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_nuls += b[i] == 0;
    odd_nuls += b[i + 1] == 0;
  }
  const std::size_t units = n / 2;
  if (odd_nuls * 10 >= units * 6 && even_nuls * 10 < units) return 1;  // little-endian
  if (even_nuls * 10 >= units * 6 && odd_nuls * 10 < units) return 2;  // big-endian
  return 0;
}

}  // namespace

std::string RepairUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      AppendUtf8(out, 0xFFFD);
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string DecodeText(std::string_view b) {
  if (b.substr(0, 3) == "\xEF\xBB\xBF") return RepairUtf8(b.substr(3));
  if (b.substr(0, 2) == "\xFF\xFE") return DecodeUtf16(b.substr(2), true);
  if (b.substr(0, 2) == "\xFE\xFF") return DecodeUtf16(b.substr(2), false);
  if (const int guess = GuessUtf16(b); guess != 0) return DecodeUtf16(b, guess == 1);
  if (IsValidUtf8(b)) return std::string(b);
  return DecodeCp1252(b);
}

bool LooksBinary(std::string_view s) {
  const std::size_t n = std::min<std::size_t>(s.size(), 8192);
  std::size_t controls = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  return controls * 20 > n;  // more than 5% control characters
}

namespace {

// Appends the NFKC form of `text` (ligatures, full-width letters, non-breaking spaces and the
// like spelled plainly; default-ignorable code points dropped) to `out`.
void AppendCompatibilityForm(std::string_view text, std::string* out) {
  if (text.empty()) return;
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE | UTF8PROC_NLF2LF);
  const utf8proc_ssize_t len =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (len >= 0) {
    out->append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(len));
  } else {
    out->append(text);
  }
  std::free(mapped);
}

// NFKC of valid UTF-8, except mojibake: UTF-8 once read as Windows-1252 and saved again ("â€“"
// for "–", "Ã©" for "é"). A whole sequence is repaired here (also the "ï¼" + zero-width space
// the PDFs of the benchmark's resumes use as a dash: its third byte, one 1252 leaves undefined,
// came out as that space; see RepairMojibake); a broken one is kept as it is, because NFKC would
// spell the 1252 glyphs that stand for its bytes as something else ("¼" as "1⁄4", "™" as "TM")
// and the engine could no longer read a bare "ï¼" as a dash.
std::string CompatibilityForm(std::string_view valid) {
  std::string out;
  out.reserve(valid.size());
  std::size_t segment = 0;  // where the text not yet normalised begins
  std::size_t i = 0;
  while (i < valid.size()) {
    // Leads U+00C2..U+00EF are encoded C3 82..C3 AF.
    if (static_cast<unsigned char>(valid[i]) != 0xC3) {
      ++i;
      continue;
    }
    std::size_t len = 1;
    const int32_t lead = DecodeUtf8(valid, i, &len);
    if (lead < 0xC2 || lead > 0xEF) {
      i += len;
      continue;
    }
    std::size_t whole = 0;
    const int32_t meant = RepairMojibake(valid, i, lead, len, &whole);
    std::size_t end = i + len;
    if (meant < 0) {  // the lead and the stand-ins that follow it, if any
      std::size_t l = 1;
      while (end < valid.size() && ContinuationByteShownAs(DecodeUtf8(valid, end, &l)) >= 0) {
        end += l;
      }
      if (end == i + len) {  // a letter ("é" in "café"), not mojibake
        i = end;
        continue;
      }
    }
    AppendCompatibilityForm(valid.substr(segment, i - segment), &out);
    if (meant >= 0) {
      AppendUtf8(out, static_cast<char32_t>(meant));
      i += whole;
    } else {
      out.append(valid.substr(i, end - i));
      i = end;
    }
    segment = i;
  }
  AppendCompatibilityForm(valid.substr(segment), &out);
  return out;
}

}  // namespace

std::string NormalizeText(std::string_view input) {
  const std::string valid = RepairUtf8(input);
  const std::string mapped = CompatibilityForm(valid);
  const std::string_view text = mapped;

  // One pass: blanks collapse, lines are trimmed, blank lines limited to one.
  std::string out;
  out.reserve(text.size());
  std::string line;
  bool pending_space = false, pending_tab = false;
  int blank_lines = 0;
  auto flush_line = [&]() {
    if (line.empty()) {
      ++blank_lines;
    } else {
      if (!out.empty()) out.append(blank_lines > 0 ? "\n\n" : "\n");
      out += line;
      blank_lines = 0;
    }
    line.clear();
    pending_space = pending_tab = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\f' || c == '\v') {
      flush_line();
    } else if (c == ' ' || c == '\t') {
      if (!line.empty()) {
        pending_space = true;
        pending_tab = pending_tab || c == '\t';
      }
    } else if (c < 0x20 || c == 0x7F) {
      continue;  // other C0 controls carry nothing a reader sees
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      ++i;  // C1 controls (U+0080..U+009F)
    } else {
      if (pending_space) line.push_back(pending_tab ? '\t' : ' ');
      pending_space = pending_tab = false;
      line.push_back(static_cast<char>(c));
    }
  }
  flush_line();
  return out;
}

}  // namespace shortlist::ingest
