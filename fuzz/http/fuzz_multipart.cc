// libFuzzer target: the multipart/form-data parser (http/multipart.h) on hostile bodies. The
// input's first line is the Content-Type, the rest the body. Every part must lie inside the
// body and within the caps; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view content_type = input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  auto boundary = shortlist::http::MultipartBoundary(content_type);
  if (!boundary.ok()) return 0;
  shortlist::http::MultipartLimits limits;
  limits.max_parts = 8;
  limits.max_field_bytes = 4096;
  limits.max_file_bytes = 1 << 16;
  auto parts = shortlist::http::ParseMultipart(body, *boundary, limits);
  if (!parts.ok()) return 0;
  if (parts->size() > limits.max_parts) std::abort();
  for (const auto& part : *parts) {
    if (part.body.data() < body.data() ||
        part.body.data() + part.body.size() > body.data() + body.size()) {
      std::abort();
    }
    if (part.body.size() > (part.filename ? limits.max_file_bytes : limits.max_field_bytes)) {
      std::abort();
    }
    if (part.name.empty() || part.name.size() > limits.max_name_bytes) std::abort();
  }
  return 0;
}
