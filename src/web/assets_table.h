// The raw table the build generates from web/ (embed_assets.cmake). Internal to src/web: callers
// use assets.h.
#pragma once

#include <cstddef>
#include <span>

namespace shortlist::web {

struct EmbeddedFile {
  const char* name;  // the file name in web/, e.g. "app.js"
  const char* bytes;
  std::size_t size;
  const char* etag;  // quoted, from the file's SHA-256
};

// Every embedded file, sorted by name. Defined in the generated web_assets_data.cc.
std::span<const EmbeddedFile> EmbeddedFiles();

}  // namespace shortlist::web
