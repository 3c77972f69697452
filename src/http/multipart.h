// A bounded parser for multipart/form-data bodies (RFC 7578), the way HTML forms, `requests`
// (files=...) and the Node `form-data` package upload files.
//
// Hostile input is expected: every quantity is capped (parts, header block per part, headers
// per part, field value, file size, name length), the parse is one forward pass over the body
// with no recursion (a part's own multipart content is not descended into), and the boundary is
// searched with Boyer-Moore-Horspool, so a body costs time linear in its size. Parts are views
// into the body: the parser copies nothing but names.
//
// Errors: "bad_request" (not multipart/form-data, no or a malformed boundary, a part without
// Content-Disposition: form-data; name=..., a missing closing delimiter) and "too_large" (a cap
// was passed); the message names what was wrong.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace shortlist::http {

struct MultipartLimits {
  std::size_t max_parts = 32;             // form fields and files together
  std::size_t max_header_bytes = 8192;    // one part's header block
  std::size_t max_headers_per_part = 16;  // header lines in one part
  std::size_t max_name_bytes = 255;       // a field name or a file name
  std::size_t max_field_bytes = 1 << 20;  // a part without a filename (a form field)
  std::size_t max_file_bytes = 64 << 20;  // a part with a filename (an uploaded file)
};

struct MultipartPart {
  std::string name;                     // the form field's name
  std::optional<std::string> filename;  // set for a file part (may be "")
  std::string content_type;             // the part's Content-Type, "" when absent
  std::string_view body;                // a view into the parsed body
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-Type (quoted or not,
// 1-70 characters as RFC 2046 allows).
Result<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. `body` must outlive the parts (they view into it).
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits = {});

// The first part named `name`, or null.
const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace shortlist::http
