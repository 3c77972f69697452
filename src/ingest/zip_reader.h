// ZipReader: reads entries of an in-memory zip archive (DOCX and ODT are zips of XML) with the
// caps that defeat zip bombs: a total inflated-size budget, a per-entry compression-ratio cap, and
// a byte counter that does not trust the sizes the archive declares.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "ingest/ingest.h"

namespace shortlist::ingest {

class ZipReader {
 public:
  // Error "corrupt_file" when the bytes are not a readable zip archive. `bytes` must outlive the
  // reader. Not thread-safe (one reader per file).
  static Result<std::unique_ptr<ZipReader>> Open(std::string_view bytes,
                                                 const ExtractLimits& limits);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool Has(std::string_view name) const;
  // Names of the entries, in archive order.
  std::vector<std::string> Names() const;
  // Inflates one entry. Errors: "not_found" when absent, "file_too_large" when the archive would
  // inflate past the budget or an entry's ratio is suspicious (a zip bomb), "corrupt_file" when
  // the data does not inflate.
  Result<std::string> Read(std::string_view name);

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace shortlist::ingest
