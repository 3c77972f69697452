// Fuzzes the whole front door: size caps, kind sniffing, charset decoding, normalisation, and
// whichever extractor the bytes select, plus base64 decoding of the same input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shortlist::ingest;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ExtractLimits limits;
  limits.max_pages = 5;
  limits.max_uncompressed = 8 << 20;
  limits.timeout = std::chrono::seconds(5);
  auto doc = Extract(bytes, "fuzz.bin", limits);
  if (doc.ok() && doc->text.empty()) __builtin_trap();  // contract: success means some text
  (void)DecodeBase64(bytes);
  return 0;
}
