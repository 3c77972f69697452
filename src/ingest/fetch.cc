#include "ingest/fetch.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <optional>
#include <thread>

namespace shortlist::ingest {
namespace {

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// File names end up in error messages and logs: no path, no control characters, bounded.
std::string Sanitize(std::string name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  if (name.size() > 120) name = name.substr(0, 120);
  return name;
}

std::string ShortUrl(std::string_view url) {
  return url.size() > 200 ? std::string(url.substr(0, 200)) + "..." : std::string(url);
}

std::optional<std::string> DispositionName(std::string_view cd) {
  std::string lower(cd);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // filename*=UTF-8''r%C3%A9sum%C3%A9.pdf takes precedence (RFC 6266).
  if (std::size_t at = lower.find("filename*="); at != std::string::npos) {
    std::string_view v = cd.substr(at + 10);
    v = v.substr(0, v.find(';'));
    const std::size_t quotes = v.find("''");
    if (quotes != std::string_view::npos) v = v.substr(quotes + 2);
    std::string name = Sanitize(PercentDecode(v));
    if (!name.empty()) return name;
  }
  std::size_t at = lower.find("filename=");
  if (at == std::string::npos) return std::nullopt;
  std::string_view v = cd.substr(at + 9);
  std::string name;
  if (!v.empty() && v.front() == '"') {
    for (std::size_t i = 1; i < v.size() && v[i] != '"'; ++i) {
      if (v[i] == '\\' && i + 1 < v.size()) ++i;
      name.push_back(v[i]);
    }
  } else {
    name = std::string(v.substr(0, v.find(';')));
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
  }
  name = Sanitize(name);
  if (name.empty()) return std::nullopt;
  return name;
}

}  // namespace

std::string FilenameFor(std::string_view url, std::string_view content_disposition) {
  if (auto name = DispositionName(content_disposition)) return *name;
  std::string_view rest = url;
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find_first_of("?#"));
  const std::size_t slash = rest.find('/');
  const std::string_view host = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    const std::string name = Sanitize(PercentDecode(path.substr(path.find_last_of('/') + 1)));
    if (!name.empty()) return name;
  }
  return Sanitize(std::string(
      host.substr(host.rfind('@') == std::string_view::npos ? 0 : host.rfind('@') + 1)));
}

Result<FetchedFile> FetchFile(net::HttpClient& client, std::string_view url,
                              const FetchLimits& limits) {
  net::HttpRequest request;
  request.url = std::string(url);
  request.timeout = limits.timeout;
  request.max_response_bytes = limits.max_bytes;
  request.max_redirects = limits.max_redirects;
  auto response = client.Send(request);
  if (!response.ok()) {
    Error e = response.error();
    e.message = ShortUrl(url) + ": " + e.message;
    return e;
  }
  if (response->status < 200 || response->status > 299) {
    return Error::Make("fetch_failed", ShortUrl(url) + ": the server answered HTTP " +
                                           std::to_string(response->status));
  }
  FetchedFile file;
  file.final_url = response->final_url.empty() ? std::string(url) : response->final_url;
  file.filename = FilenameFor(file.final_url, response->Header("Content-Disposition"));
  file.content_type = response->Header("Content-Type");
  file.bytes = std::move(response->body);
  return file;
}

std::vector<Result<FetchedFile>> FetchAll(net::HttpClient& client,
                                          const std::vector<std::string>& urls,
                                          const FetchLimits& limits, int concurrency) {
  std::vector<std::optional<Result<FetchedFile>>> slots(urls.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < urls.size(); i = next++) {
      slots[i].emplace(FetchFile(client, urls[i], limits));
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(urls.size(), static_cast<std::size_t>(std::max(1, concurrency)));
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  if (threads > 0) worker();  // the calling thread is one of the workers
  for (auto& t : pool) t.join();
  std::vector<Result<FetchedFile>> results;
  results.reserve(urls.size());
  for (auto& slot : slots) results.push_back(std::move(*slot));
  return results;
}

}  // namespace shortlist::ingest
