#include "web/assets.h"

#include <vector>

#include "web/assets_table.h"

namespace shortlist::web {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Built once from the generated table; then read-only, so safe to share between threads.
const std::vector<Asset>& Assets() {
  static const std::vector<Asset> assets = [] {
    std::vector<Asset> out;
    for (const EmbeddedFile& f : EmbeddedFiles()) {
      out.push_back({f.name, ContentTypeFor(f.name), std::string_view(f.bytes, f.size), f.etag});
    }
    return out;
  }();
  return assets;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view path) {
  if (EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(path, ".js") || EndsWith(path, ".mjs")) return "text/javascript; charset=utf-8";
  if (EndsWith(path, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(path, ".svg")) return "image/svg+xml";
  if (EndsWith(path, ".json")) return "application/json";
  return "application/octet-stream";
}

const Asset* FindAsset(std::string_view path) {
  for (const Asset& asset : Assets()) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace shortlist::web
