#include "http/multipart.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace shortlist::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Error Bad(const std::string& message) { return Error::Make("bad_request", message); }
Error TooLarge(const std::string& message) { return Error::Make("too_large", message); }

// One `key=value` or `key="quoted \" value"` parameter of a header, starting at `*pos` (after
// its ';'). Leaves `*pos` after the parameter. Quoted values keep their escaped characters.
bool NextParam(std::string_view header, std::size_t* pos, std::string* key, std::string* value) {
  std::size_t i = *pos;
  while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ';')) ++i;
  if (i >= header.size()) return false;
  const std::size_t eq = header.find('=', i);
  const std::size_t semi = header.find(';', i);
  if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
    *key =
        Lower(Trim(header.substr(i, (semi == std::string_view::npos ? header.size() : semi) - i)));
    value->clear();
    *pos = semi == std::string_view::npos ? header.size() : semi + 1;
    return true;
  }
  *key = Lower(Trim(header.substr(i, eq - i)));
  i = eq + 1;
  while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
  value->clear();
  if (i < header.size() && header[i] == '"') {
    for (++i; i < header.size() && header[i] != '"'; ++i) {
      if (header[i] == '\\' && i + 1 < header.size()) ++i;
      value->push_back(header[i]);
    }
    if (i < header.size()) ++i;  // the closing quote
    const std::size_t next = header.find(';', i);
    *pos = next == std::string_view::npos ? header.size() : next + 1;
  } else {
    const std::size_t end = semi == std::string_view::npos ? header.size() : semi;
    *value = std::string(Trim(header.substr(i, end - i)));
    *pos = semi == std::string_view::npos ? header.size() : semi + 1;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 5987 ext-value: charset'language'percent-encoded ("UTF-8''r%C3%A9sum%C3%A9.zip").
std::optional<std::string> DecodeExtValue(std::string_view v) {
  const std::size_t first = v.find('\'');
  const std::size_t second = first == std::string_view::npos ? first : v.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string out;
  for (std::size_t i = second + 1; i < v.size(); ++i) {
    if (v[i] != '%') {
      out.push_back(v[i]);
      continue;
    }
    if (i + 2 >= v.size() || HexValue(v[i + 1]) < 0 || HexValue(v[i + 2]) < 0) return std::nullopt;
    out.push_back(static_cast<char>(HexValue(v[i + 1]) * 16 + HexValue(v[i + 2])));
    i += 2;
  }
  return out;
}

// Fills name/filename from "form-data; name=...; filename=...".
Status ReadDisposition(std::string_view value, const MultipartLimits& limits, MultipartPart* part) {
  std::size_t pos = value.find(';');
  if (Lower(Trim(value.substr(0, pos))) != "form-data") {
    return Bad("a part's Content-Disposition is not form-data");
  }
  if (pos == std::string_view::npos) return Bad("a part's Content-Disposition has no name");
  ++pos;
  std::string key, param;
  bool named = false;
  std::optional<std::string> extended_filename;
  for (int count = 0; NextParam(value, &pos, &key, &param); ++count) {
    if (count > 16) return Bad("a part's Content-Disposition has too many parameters");
    if (key == "name") {
      part->name = param;
      named = true;
    } else if (key == "filename") {
      part->filename = param;
    } else if (key == "filename*") {
      extended_filename = DecodeExtValue(param);
    }
  }
  if (extended_filename) part->filename = extended_filename;
  if (!named || part->name.empty()) return Bad("a part's Content-Disposition has no name");
  if (part->name.size() > limits.max_name_bytes ||
      (part->filename && part->filename->size() > limits.max_name_bytes)) {
    return TooLarge("a part's name or file name is longer than " +
                    std::to_string(limits.max_name_bytes) + " bytes");
  }
  return OkStatus();
}

// Parses one part's header block (the lines before the blank line).
Status ReadHeaders(std::string_view block, const MultipartLimits& limits, MultipartPart* part) {
  std::size_t lines = 0;
  bool disposition = false;
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find(kCrlf, start);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(start, end - start);
    start = end + kCrlf.size();
    if (++lines > limits.max_headers_per_part) {
      return TooLarge("a part has more than " + std::to_string(limits.max_headers_per_part) +
                      " header lines");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line[0] == ' ' || line[0] == '\t') {
      return Bad("a part has a malformed header line");
    }
    const std::string name = Lower(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (disposition) return Bad("a part has two Content-Disposition headers");
      disposition = true;
      if (Status s = ReadDisposition(value, limits, part); !s.ok()) return s;
    } else if (name == "content-type") {
      part->content_type = std::string(value);
    }
  }
  if (!disposition) return Bad("a part has no Content-Disposition header");
  return OkStatus();
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  std::size_t pos = content_type.find(';');
  if (Lower(Trim(content_type.substr(0, pos))) != "multipart/form-data") {
    return Bad("the body must be multipart/form-data");
  }
  std::string key, value;
  if (pos != std::string_view::npos) {
    ++pos;
    for (int count = 0; count < 16 && NextParam(content_type, &pos, &key, &value); ++count) {
      if (key != "boundary") continue;
      const bool usable =
          !value.empty() && value.size() <= 70 && value.back() != ' ' &&
          std::all_of(value.begin(), value.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) ||
                   std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
          });
      if (!usable) return Bad("the multipart boundary must be 1-70 plain characters");
      return value;
    }
  }
  return Bad("the multipart/form-data Content-Type has no boundary");
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits) {
  if (boundary.empty() || boundary.size() > 70) return Bad("bad multipart boundary");
  const std::string delimiter = "\r\n--" + std::string(boundary);  // before every part but one
  const std::boyer_moore_horspool_searcher search(delimiter.begin(), delimiter.end());
  auto find = [&](std::size_t from) -> std::size_t {
    auto it = std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), search);
    return it == body.end() ? std::string_view::npos : static_cast<std::size_t>(it - body.begin());
  };
  // The first delimiter may start the body (no CRLF before it) or follow a preamble.
  std::size_t pos = 0;
  const std::string_view first(delimiter.data() + 2, delimiter.size() - 2);
  if (body.substr(0, first.size()) == first) {
    pos = first.size();
  } else if (std::size_t at = find(0); at != std::string_view::npos) {
    pos = at + delimiter.size();
  } else {
    return Bad("the multipart body has no part (boundary not found)");
  }
  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != kCrlf) return Bad("a multipart delimiter is not followed by CRLF");
    pos += 2;
    if (parts.size() >= limits.max_parts) {
      return TooLarge("the form has more than " + std::to_string(limits.max_parts) + " parts");
    }
    const std::string_view window = body.substr(pos, limits.max_header_bytes + 4);
    const std::size_t blank = window.substr(0, 2) == kCrlf ? 0 : window.find("\r\n\r\n");
    if (blank == std::string_view::npos) {
      return window.size() > limits.max_header_bytes
                 ? TooLarge("a part's headers are longer than " +
                            std::to_string(limits.max_header_bytes) + " bytes")
                 : Bad("a part's headers do not end");
    }
    MultipartPart part;
    if (Status s = ReadHeaders(window.substr(0, blank), limits, &part); !s.ok()) return s.error();
    const std::size_t start = pos + blank + (blank == 0 ? 2 : 4);
    const std::size_t end = find(start);
    if (end == std::string_view::npos) return Bad("the multipart body has no closing delimiter");
    const std::size_t cap = part.filename ? limits.max_file_bytes : limits.max_field_bytes;
    if (end - start > cap) {
      return TooLarge("the part '" + part.name + "' is larger than " + std::to_string(cap) +
                      " bytes");
    }
    part.body = body.substr(start, end - start);
    parts.push_back(std::move(part));
    pos = end + delimiter.size();
  }
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace shortlist::http
