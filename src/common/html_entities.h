// HTML character references ("&amp;", "&#8211;", "&#x2022;"), decoded the same way by ingest's
// HTML extraction (ingest/html_extract.cc) and by the engine's text clean-up (engine/text.cc),
// which meets them in resumes pasted from web forms ("Recruitment &amp; Retention").
// Header-only, so the engine still links nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/charset.h"

namespace shortlist {

namespace html_internal {

struct NamedReference {
  std::string_view name;
  char32_t cp;
};

// The named references resumes and web pages use: markup escapes, spaces, typographic
// punctuation, symbols and the Latin-1 letters.
inline constexpr NamedReference kNamedReferences[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"bull", 0x2022},  {"hellip", 0x2026},
    {"middot", 0xB7},  {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},
    {"euro", 0x20AC},  {"pound", 0xA3},   {"deg", 0xB0},     {"times", 0xD7},   {"shy", 0xAD},
    {"zwnj", 0x200C},  {"zwj", 0x200D},   {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009},
    {"iexcl", 0xA1},   {"iquest", 0xBF},  {"szlig", 0xDF},   {"Agrave", 0xC0},  {"Aacute", 0xC1},
    {"Acirc", 0xC2},   {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Aring", 0xC5},   {"AElig", 0xC6},
    {"Ccedil", 0xC7},  {"Egrave", 0xC8},  {"Eacute", 0xC9},  {"Ecirc", 0xCA},   {"Euml", 0xCB},
    {"Igrave", 0xCC},  {"Iacute", 0xCD},  {"Icirc", 0xCE},   {"Iuml", 0xCF},    {"Ntilde", 0xD1},
    {"Ograve", 0xD2},  {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Otilde", 0xD5},  {"Ouml", 0xD6},
    {"Oslash", 0xD8},  {"Ugrave", 0xD9},  {"Uacute", 0xDA},  {"Ucirc", 0xDB},   {"Uuml", 0xDC},
    {"Yacute", 0xDD},  {"agrave", 0xE0},  {"aacute", 0xE1},  {"acirc", 0xE2},   {"atilde", 0xE3},
    {"auml", 0xE4},    {"aring", 0xE5},   {"aelig", 0xE6},   {"ccedil", 0xE7},  {"egrave", 0xE8},
    {"eacute", 0xE9},  {"ecirc", 0xEA},   {"euml", 0xEB},    {"igrave", 0xEC},  {"iacute", 0xED},
    {"icirc", 0xEE},   {"iuml", 0xEF},    {"ntilde", 0xF1},  {"ograve", 0xF2},  {"oacute", 0xF3},
    {"ocirc", 0xF4},   {"otilde", 0xF5},  {"ouml", 0xF6},    {"oslash", 0xF8},  {"ugrave", 0xF9},
    {"uacute", 0xFA},  {"ucirc", 0xFB},   {"uuml", 0xFC},    {"yacute", 0xFD},  {"yuml", 0xFF},
};

}  // namespace html_internal

// The code point of the character reference that starts at text[at] ('&'), and its length in
// `*length`; -1 when none starts there ("&bogus;", "AT&T", "&amp" without its ';'). A numeric
// reference has 1-8 digits; as in HTML, one that names no character (0, a surrogate, beyond
// U+10FFFF) is U+FFFD, and 128-159 are the Windows-1252 characters web pages mean by them
// ("&#150;" an en dash).
inline int32_t DecodeCharacterReference(std::string_view text, size_t at, size_t* length) {
  constexpr size_t kLongest = 10;  // "#x" and 8 digits, or the longest name
  if (at >= text.size() || text[at] != '&') return -1;
  const size_t semi = text.substr(at + 1, kLongest + 1).find(';');
  if (semi == std::string_view::npos || semi == 0) return -1;
  const std::string_view name = text.substr(at + 1, semi);
  *length = semi + 2;
  if (name[0] != '#') {
    for (const html_internal::NamedReference& r : html_internal::kNamedReferences) {
      if (r.name == name) return static_cast<int32_t>(r.cp);
    }
    return -1;
  }
  const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
  const std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return -1;
  uint32_t cp = 0;
  for (char c : digits) {
    const int digit = c >= '0' && c <= '9'                            ? c - '0'
                      : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                      : -1;
    if (digit < 0) return -1;
    cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(digit);  // 8 hex digits fit in 32 bits
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  if (cp >= 0x80 && cp <= 0x9F && kCp1252High[cp - 0x80] != 0) return kCp1252High[cp - 0x80];
  return static_cast<int32_t>(cp);
}

}  // namespace shortlist
