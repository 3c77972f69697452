// Fuzzes the zip-of-XML readers: DOCX and ODT extraction, with the zip-bomb caps tightened so a
// run cannot be starved of memory. The first byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shortlist::ingest;
  if (size < 1) return 0;
  ExtractLimits limits;
  limits.max_uncompressed = 8 << 20;
  const internal::Deadline deadline(std::chrono::seconds(5));
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    (void)internal::ExtractOdt(bytes, limits, deadline);
  } else {
    (void)internal::ExtractDocx(bytes, limits, deadline);
  }
  return 0;
}
