// Parsing JSON that came from outside the process, with its nesting bounded.
//
// nlohmann::json parses deep nesting without recursion, but serialising or walking the tree
// recurses once per level: an array nested 100,000 deep (a 130 KB body) overflows the stack when
// it is dumped. Every JSON the server or `shortlist mcp` reads -- request bodies of both API
// surfaces, Stripe's events and answers, webhook answers, MCP lines, a server's answers to the
// client -- goes through ParseJson, which refuses more than kMaxJsonDepth levels before building
// anything, so no later walk of client data can recurse deeper than that.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace shortlist {

// Objects and arrays inside one another, the outermost counting 1. Real payloads of both APIs
// nest at most 5 levels; 64 leaves room for any client's own metadata.
inline constexpr int kMaxJsonDepth = 64;

// The deepest nesting of `text`'s objects and arrays, counted without parsing (brackets inside
// strings do not count); stops counting once `limit` is exceeded and returns limit + 1.
int JsonNestingDepth(std::string_view text, int limit);

// Parses `text`. Errors: "json_too_deep" when it nests deeper than `max_depth`, "invalid_json"
// when it is not JSON. The message says which, for a user to read.
Result<nlohmann::json> ParseJson(std::string_view text, int max_depth = kMaxJsonDepth);

// ParseJson for callers that only need to know whether they got JSON: a discarded value
// (is_discarded()) on either error, like nlohmann::json::parse without exceptions.
nlohmann::json ParseJsonOrDiscarded(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace shortlist
