// The dashboard's static files (web/ in the source tree), compiled into the binary, so the
// server needs no web root and serves exactly the UI it was built with.
//
// Thread-safe: the table is immutable static data.
#pragma once

#include <string_view>

namespace shortlist::web {

struct Asset {
  std::string_view path;          // the file name under web/, e.g. "app.js" (no directories)
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view bytes;         // the file's contents
  std::string_view etag;          // a quoted strong ETag that changes with the contents
};

// The asset named `path` ("index.html", "app.js"), or nullptr when there is none. Only exact
// file names match: "../x", "a/b.js" or "" find nothing. The pointer stays valid for the
// whole process.
const Asset* FindAsset(std::string_view path);

// The Content-Type served for a file name, from its extension ("application/octet-stream" for
// an unknown one).
std::string_view ContentTypeFor(std::string_view path);

}  // namespace shortlist::web
