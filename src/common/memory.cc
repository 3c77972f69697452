#include "common/memory.h"

#include <malloc.h>

#include <chrono>
#include <thread>

#include "common/mutex.h"

// gperftools' C entry point, when tcmalloc is linked into the executable; null otherwise.
extern "C" void MallocExtension_ReleaseFreeMemory(void) __attribute__((weak));

namespace shortlist {
namespace {

class Releaser {
 public:
  Releaser() {
    std::thread([this] { Run(); }).detach();
  }

  void Note(std::size_t bytes) {
    bool start = false;
    {
      MutexLock lock(mu_);
      pending_ += bytes;
      start = pending_ >= kReleaseThreshold;
    }
    if (start) due_.Signal();
  }

 private:
  void Run() {
    for (;;) {
      {
        MutexLock lock(mu_);
        while (pending_ < kReleaseThreshold) due_.Wait(&mu_);
        pending_ = 0;
      }
      // The note may come just before its memory is freed (a request noted as it ends).
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (MallocExtension_ReleaseFreeMemory != nullptr) {
        MallocExtension_ReleaseFreeMemory();
      } else {
        malloc_trim(0);
      }
      // Notes made meanwhile wait for the next round: at most one release a second.
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }

  Mutex mu_;
  CondVar due_;
  std::size_t pending_ GUARDED_BY(mu_) = 0;
};

}  // namespace

void NoteFreedMemory(std::size_t bytes) {
  // Never destroyed: its thread runs for the life of the process.
  static Releaser* releaser = new Releaser();
  releaser->Note(bytes);
}

}  // namespace shortlist
