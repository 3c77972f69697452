#include "common/shared_counter.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace shortlist {

static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "a cross-process counter needs lock-free 64-bit atomics");

Result<std::unique_ptr<SharedCounter>> SharedCounter::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error::Make("storage", "cannot open " + path + ": " + std::strerror(errno));
  }
  // Growing the file is idempotent: a concurrent opener sees the same 8 zero bytes.
  if (::ftruncate(fd, sizeof(std::uint64_t)) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    return Error::Make("storage", "cannot size " + path + ": " + why);
  }
  void* p = ::mmap(nullptr, sizeof(std::uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) {
    return Error::Make("storage", "cannot map " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<SharedCounter>(new SharedCounter(static_cast<std::uint64_t*>(p)));
}

SharedCounter::~SharedCounter() { ::munmap(word_, sizeof(std::uint64_t)); }

std::uint64_t SharedCounter::Load() const {
  return std::atomic_ref<std::uint64_t>(*word_).load(std::memory_order_acquire);
}

void SharedCounter::Bump() {
  std::atomic_ref<std::uint64_t>(*word_).fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace shortlist
