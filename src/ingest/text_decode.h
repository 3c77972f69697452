// Character-set decoding and text clean-up shared by every extractor.
#pragma once

#include <string>
#include <string_view>

#include "common/charset.h"  // AppendUtf8, DecodeUtf8, kCp1252High

namespace shortlist::ingest {

// Decodes a text file to UTF-8: a BOM decides (UTF-8, UTF-16LE/BE); without one, NUL-byte
// patterns reveal BOM-less UTF-16; valid UTF-8 stays as is; anything else is read as
// Windows-1252 (a superset of Latin-1's printable range). Never fails: unpaired surrogates and
// undefined bytes become U+FFFD.
std::string DecodeText(std::string_view bytes);

// True when decoded text is really binary data (NULs or many control characters).
bool LooksBinary(std::string_view utf8);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string RepairUtf8(std::string_view bytes);

// Produces the text the engine reads: NFKC (ligatures, full-width forms and no-break spaces
// become plain characters), default-ignorable characters (zero-width spaces, soft hyphens)
// removed, control characters other than tab and newline removed, runs of blanks collapsed to
// one space (or one tab when the run held a tab: a layout hint for aligned columns), lines
// trimmed, at most one blank line in a row, no leading or trailing blank lines.
std::string NormalizeText(std::string_view utf8);

}  // namespace shortlist::ingest
