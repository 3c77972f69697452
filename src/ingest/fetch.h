// Fetching resume files from URLs (`file_url`, `resume_urls`) through the HttpClient seam.
//
// Concurrency (FetchAll): a fixed pool of `concurrency` worker threads pulls URL indexes from an
// atomic counter, so at most that many requests are in flight however long the list (bulk jobs
// send up to 1000 URLs). Results are written to their own slot; nothing else is shared. The
// HttpClient must be thread-safe (NewCurlHttpClient is).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "net/http_client.h"

namespace shortlist::ingest {

struct FetchLimits {
  std::chrono::milliseconds timeout{15'000};  // per URL, redirects included
  std::size_t max_bytes = 10 << 20;           // per file; same default as ExtractLimits
  int max_redirects = 3;
};

struct FetchedFile {
  std::string bytes;
  std::string filename;      // from Content-Disposition, else the URL's last path segment
  std::string content_type;  // as the server said; informative only (kind comes from bytes)
  std::string final_url;     // after redirects
};

// Error codes: those of HttpClient ("invalid_url", "url_refused", "fetch_failed",
// "fetch_timeout", "file_too_large", "too_many_redirects") and "fetch_failed" for an HTTP
// status other than 2xx. Messages name the URL.
Result<FetchedFile> FetchFile(net::HttpClient& client, std::string_view url,
                              const FetchLimits& limits = {});

// Fetches every URL with at most `concurrency` at a time; result i belongs to urls[i].
std::vector<Result<FetchedFile>> FetchAll(net::HttpClient& client,
                                          const std::vector<std::string>& urls,
                                          const FetchLimits& limits = {}, int concurrency = 8);

// The file name a download should carry: Content-Disposition's filename* (RFC 5987) or
// filename, else the last segment of the URL path (percent-decoded), else the host.
std::string FilenameFor(std::string_view url, std::string_view content_disposition);

}  // namespace shortlist::ingest
