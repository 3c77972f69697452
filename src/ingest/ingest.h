// Document ingestion: a file's bytes -> clean UTF-8 text the engine can read.
//
// The kind is recognised from the bytes (magic numbers, zip entries), never from the file name,
// which only appears in error messages. Every failure is an Error value with a specific code and
// the file name in its message; nothing here throws across the boundary, crashes or hangs on
// hostile input (size, page, decompression-ratio and time caps in ExtractLimits).
//
// Thread-safe: Extract may run on many threads at once.
//
// Extract runs in the calling process. Files from users are read through an Extractor
// (extractor.h), whose SandboxedExtractor runs this same function in worker processes, so that a
// reader that hangs, crashes or exhausts memory costs only that file.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace shortlist::ingest {

enum class DocumentKind { kPdf, kDocx, kOdt, kRtf, kHtml, kMarkdown, kText };
std::string_view ToString(DocumentKind kind);

struct ExtractLimits {
  std::size_t max_bytes = 10 << 20;           // input file size cap
  int max_pages = 50;                         // PDF pages read at most
  std::size_t max_uncompressed = 50 << 20;    // DOCX/ODT: total inflated size cap (zip bombs)
  double max_compression_ratio = 200;         // DOCX/ODT: per-entry inflated/deflated cap
  std::chrono::milliseconds timeout{10'000};  // wall-clock budget for one file
  // PDF: render each page at low resolution to find text drawn in the colour of what is under
  // it (white on white, invisible render mode). Roughly doubles PDF time; off, only tiny and
  // off-page text is detected in PDFs.
  bool render_pdf_pages = true;
};

struct ExtractedDocument {
  DocumentKind kind = DocumentKind::kText;
  std::string text;                // visible text, UTF-8, reading order, one line per layout line
  std::string hidden_text;         // text a reader cannot see (white-on-white, tiny, off-page)
  int pages = 0;                   // PDF pages; 1 for other kinds
  std::vector<std::string> flags;  // "hidden_text"; "pages_truncated" (PDF over max_pages)
};

// Error codes: "file_too_large", "unsupported_type", "corrupt_file", "pdf_encrypted",
// "no_text_layer", "timeout", "empty_file".
Result<ExtractedDocument> Extract(std::string_view bytes, std::string_view filename,
                                  const ExtractLimits& limits = {});

// Standard or URL-safe base64, whitespace ignored. Error code "invalid_base64".
Result<std::string> DecodeBase64(std::string_view encoded);

}  // namespace shortlist::ingest
