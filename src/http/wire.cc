#include "http/wire.h"

#include <cctype>
#include <string>

namespace shortlist::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

int FromHex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = FromHex(s[i + 1]), lo = FromHex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && s[i] == '+') ? ' ' : s[i];
  }
  return out;
}

void ParseTarget(std::string_view target, Request* req) {
  std::size_t q = target.find('?');
  req->path = PercentDecode(target.substr(0, q), false);
  if (req->path.size() > 1 && req->path.back() == '/') req->path.pop_back();
  if (q == std::string_view::npos) return;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    std::size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (!key.empty()) req->query.emplace(std::move(key), std::move(value));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

}  // namespace

Request RequestFromMessage(bhttp::request<bhttp::string_body>&& message,
                           std::string_view remote_address) {
  Request req;
  req.method = std::string(message.method_string());
  ParseTarget(std::string_view(message.target().data(), message.target().size()), &req);
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  req.body = std::move(message.body());
  req.remote_address = std::string(remote_address);
  return req;
}

Result<Request> ParseRequestBytes(std::string_view bytes, std::size_t max_body_bytes,
                                  std::size_t max_header_bytes) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.body_limit(max_body_bytes);
  parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
  beast::error_code ec;
  parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
    return Error::Make("too_large", "the request is over a size cap: " + ec.message());
  }
  if (ec || !parser.is_done()) {
    return Error::Make("bad_request",
                       "malformed HTTP request: " + (ec ? ec.message() : "incomplete"));
  }
  return RequestFromMessage(parser.release(), "fuzz");
}

}  // namespace shortlist::http
