// Fuzzes PDF extraction (poppler + reading order + hidden-text split) directly, skipping the
// kind sniffing so every input reaches the PDF path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shortlist::ingest;
  ExtractLimits limits;
  limits.max_pages = 5;
  const internal::Deadline deadline(std::chrono::seconds(5));
  (void)internal::ExtractPdf(std::string_view(reinterpret_cast<const char*>(data), size), limits,
                             deadline);
  return 0;
}
