// A counter shared by every process that opens one database, bumped whenever a credential
// stops being valid (a token revoked, an agent key revoked or regenerated). Processes cache
// "this token hash belongs to that account" and throw the cache away when the counter moves,
// so the hot path authenticates without a database read and a revoke from the CLI or another
// server process still takes effect on the very next request.
//
// Design: an 8-byte file next to the database, mapped shared into every process; loads and
// increments are lock-free atomics on that memory (no system call per request). Bumps happen
// after the revoking transaction commits, so a reader that sees the new value finds the
// revocation in the database.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"

namespace shortlist::store {

class CredentialEpoch {
 public:
  // Maps (creating if needed) the counter file at `path`.
  static Result<std::unique_ptr<CredentialEpoch>> Open(const std::string& path);
  ~CredentialEpoch();
  CredentialEpoch(const CredentialEpoch&) = delete;
  CredentialEpoch& operator=(const CredentialEpoch&) = delete;

  std::uint64_t Load() const;
  void Bump();

 private:
  explicit CredentialEpoch(std::uint64_t* word) : word_(word) {}
  std::uint64_t* word_;  // in a MAP_SHARED mapping
};

}  // namespace shortlist::store
