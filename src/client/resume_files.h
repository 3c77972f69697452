// Local resume files for the client side (the CLI and the MCP server): which files a list of
// paths names, reading them with a size cap, and shaping them for the HTTP API (base64).
//
// Stateless functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace shortlist::client {

// Default cap on one resume file; the server's own per-file cap is the same (10 MiB).
inline constexpr std::size_t kMaxResumeFileBytes = 10u << 20;

// Expands command-line paths into files, in a stable order: a directory contributes every
// regular file below it (recursively, sorted by path, skipping names that start with '.'); any
// other path stands for itself, even one that does not exist, so that reading it reports the
// error for that file instead of silently dropping it.
std::vector<std::string> ExpandResumePaths(const std::vector<std::string>& paths);

// The whole file. Errors: "not_found" (missing), "not_a_file" (a directory or device),
// "file_too_large" (over max_bytes), "read_failed"; each message names the path.
Result<std::string> ReadLocalFile(const std::string& path, std::size_t max_bytes);

// Standard base64 with padding.
std::string Base64Encode(std::string_view bytes);

// {"filename": <file name without directories>, "base64": <the bytes>} for a Jobs API or
// Evaluate API resume; errors as ReadLocalFile.
Result<nlohmann::json> ResumeFromFile(const std::string& path,
                                      std::size_t max_bytes = kMaxResumeFileBytes);

}  // namespace shortlist::client
