// Fuzzes the HTML tokenizer and the Markdown reader (which feeds it), after the same UTF-8
// decoding Extract applies. The first byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/internal.h"
#include "ingest/text_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shortlist::ingest;
  if (size < 1) return 0;
  const std::string text =
      DecodeText(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  const internal::RawText raw =
      (data[0] & 1) ? internal::ExtractMarkdown(text) : internal::ExtractHtml(text);
  (void)NormalizeText(raw.text);
  return 0;
}
