// HTTP/1.1 on the wire -> Request: the one place that turns a parsed message into what the
// dispatcher reads (method, percent-decoded path and query, lower-cased header names, body).
// The server uses it on every request it reads; the HTTP fuzz target feeds it raw bytes.
#pragma once

#include <cstddef>
#include <string_view>

#include <boost/beast/http.hpp>

#include "common/result.h"
#include "http/message.h"

namespace shortlist::http {

// The Request for a parsed message (the body is moved out of it).
Request RequestFromMessage(boost::beast::http::request<boost::beast::http::string_body>&& message,
                           std::string_view remote_address);

// Parses one whole request from `bytes` with the server's caps. Errors: "too_large" (a cap),
// "bad_request" (not HTTP/1.1, or incomplete).
Result<Request> ParseRequestBytes(std::string_view bytes, std::size_t max_body_bytes,
                                  std::size_t max_header_bytes);

}  // namespace shortlist::http
