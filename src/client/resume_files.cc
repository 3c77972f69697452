#include "client/resume_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace shortlist::client {
namespace fs = std::filesystem;

std::vector<std::string> ExpandResumePaths(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Result<std::string> ReadLocalFile(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Error::Make("not_found", path + ": no such file");
  }
  if (!fs::is_regular_file(status)) {
    return Error::Make("not_a_file", path + ": not a regular file");
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    return Error::Make("file_too_large", path + ": " + std::to_string(size) +
                                             " bytes, over the cap of " +
                                             std::to_string(max_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Make("read_failed", path + ": cannot be opened");
  std::string bytes;
  bytes.reserve(ec ? 0 : static_cast<std::size_t>(size));
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Error::Make("read_failed", path + ": read error");
  // The file may have grown since we asked its size.
  if (bytes.size() > max_bytes) {
    return Error::Make("file_too_large",
                       path + ": over the cap of " + std::to_string(max_bytes) + " bytes");
  }
  return bytes;
}

std::string Base64Encode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Result<nlohmann::json> ResumeFromFile(const std::string& path, std::size_t max_bytes) {
  auto bytes = ReadLocalFile(path, max_bytes);
  if (!bytes.ok()) return bytes.error();
  return nlohmann::json{{"filename", fs::path(path).filename().string()},
                        {"base64", Base64Encode(*bytes)}};
}

}  // namespace shortlist::client
