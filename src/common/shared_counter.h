// A 64-bit counter shared by every process that maps one file: an 8-byte file, mapped shared
// into each process; loads and increments are lock-free atomics on that memory, with no system
// call per use. The store counts credential revocations with one (next to a SQLite database), so
// a process can cache "this token hash belongs to that account" and drop the cache when the
// counter moves: a revoke by the CLI or another server process on the machine takes effect on
// the very next request.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"

namespace shortlist {

class SharedCounter {
 public:
  // Maps (creating if needed) the counter file at `path`.
  static Result<std::unique_ptr<SharedCounter>> Open(const std::string& path);
  ~SharedCounter();
  SharedCounter(const SharedCounter&) = delete;
  SharedCounter& operator=(const SharedCounter&) = delete;

  std::uint64_t Load() const;
  void Bump();

 private:
  explicit SharedCounter(std::uint64_t* word) : word_(word) {}
  std::uint64_t* word_;  // in a MAP_SHARED mapping
};

}  // namespace shortlist
