// Fuzzes the RTF tokenizer and its hidden-text state machine.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shortlist::ingest;
  const internal::Deadline deadline(std::chrono::seconds(5));
  (void)internal::ExtractRtf(std::string_view(reinterpret_cast<const char*>(data), size), deadline);
  return 0;
}
