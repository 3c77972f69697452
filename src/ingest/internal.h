// Internal to shortlist_ingest: the per-kind extractors behind Extract() and what they share.
// Not a public header; nothing outside src/ingest and its tests includes it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/ingest.h"

namespace shortlist::ingest::internal {

// Wall-clock budget for one file. Extractors poll Expired() between pages / entries / chunks, so
// a single poppler page or XML part is the largest unit of work that can overrun it.
class Deadline {
 public:
  explicit Deadline(std::chrono::milliseconds budget)
      : end_(std::chrono::steady_clock::now() + budget) {}
  bool Expired() const { return std::chrono::steady_clock::now() > end_; }

 private:
  std::chrono::steady_clock::time_point end_;
};

// What an extractor produces before normalisation. Error messages do not name the file: Extract
// prefixes the file name.
struct RawText {
  std::string text;    // visible text, UTF-8 (may be unnormalised)
  std::string hidden;  // text a reader cannot see
  int pages = 1;
  std::vector<std::string> flags;  // besides "hidden_text", which Extract derives
};

Error TimeoutError();

// Extract's checks before it reads anything: "empty_file", "file_too_large" (named).
Status CheckSize(std::string_view bytes, std::string_view filename, const ExtractLimits& limits);

// Extract, except that running out of memory throws std::bad_alloc instead of answering
// "file_too_large": an extract worker reports it as "extract_memory".
Result<ExtractedDocument> ExtractLettingBadAllocThrough(std::string_view bytes,
                                                        std::string_view filename,
                                                        const ExtractLimits& limits);

Result<RawText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits,
                           const Deadline& deadline);
Result<RawText> ExtractDocx(std::string_view bytes, const ExtractLimits& limits,
                            const Deadline& deadline);
Result<RawText> ExtractOdt(std::string_view bytes, const ExtractLimits& limits,
                           const Deadline& deadline);
// The text extractors take UTF-8 (see DecodeText) except RTF, which is ASCII with escapes.
Result<RawText> ExtractRtf(std::string_view bytes, const Deadline& deadline);
RawText ExtractHtml(std::string_view utf8);
RawText ExtractMarkdown(std::string_view utf8);

}  // namespace shortlist::ingest::internal
