#include "common/mutex.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace shortlist {
namespace {

struct Counter {
  Mutex mu;
  CondVar changed;
  int value GUARDED_BY(mu) = 0;
};

TEST(MutexTest, ASignalWakesAWaiterThatSeesTheGuardedChange) {
  Counter c;
  std::thread writer([&] {
    MutexLock lock(c.mu);
    c.value = 42;
    c.changed.SignalAll();
  });
  {
    MutexLock lock(c.mu);
    while (c.value != 42) c.changed.Wait(&c.mu);
    EXPECT_EQ(c.value, 42);
  }
  writer.join();
}

TEST(MutexTest, WaitForReturnsFalseWhenNothingSignals) {
  Counter c;
  MutexLock lock(c.mu);
  EXPECT_FALSE(c.changed.WaitFor(&c.mu, std::chrono::milliseconds(5)));
  c.value = 1;  // the lock is held again after the wait
  EXPECT_EQ(c.value, 1);
}

struct Shared {
  SharedMutex mu;
  int value GUARDED_BY(mu) = 0;
  int Read() {
    ReaderLock lock(mu);
    return value;
  }
};

TEST(MutexTest, AReaderSeesWhatAWriterWrote) {
  Shared s;
  {
    WriterLock lock(s.mu);
    s.value = 7;
  }
  int seen = 0;
  ReaderLock held(s.mu);                        // one reader holds it...
  std::thread other([&] { seen = s.Read(); });  // ...and another still gets in
  other.join();
  EXPECT_EQ(seen, 7);
}

}  // namespace
}  // namespace shortlist
