// Recognising a file's kind from its bytes (never from its name).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "ingest/ingest.h"

namespace shortlist::ingest {

// What the leading bytes say. kZip needs a look inside (DOCX, ODT, or something else);
// kText means "decode and look again" (HTML, Markdown or plain text).
enum class Magic { kPdf, kZip, kRtf, kText, kUnsupported };

struct Sniffed {
  Magic magic = Magic::kText;
  std::string what;  // for kUnsupported: what the bytes look like ("a PNG image", ...)
};

Sniffed SniffMagic(std::string_view bytes);

// For decoded text: HTML, Markdown or plain text.
DocumentKind ClassifyText(std::string_view utf8);

}  // namespace shortlist::ingest
