#include "common/task_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace shortlist {
namespace {

TEST(TaskPoolTest, RefusesWhenEveryThreadIsBusyAndTheQueueIsFull) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  TaskPool pool(1, 1);
  auto blocked = [&] {
    ++started;
    released.wait();
  };
  ASSERT_TRUE(pool.TrySubmit(blocked));  // runs
  while (started.load() == 0) std::this_thread::yield();
  ASSERT_TRUE(pool.TrySubmit(blocked));   // waits in the queue
  EXPECT_FALSE(pool.TrySubmit(blocked));  // no room: refused at once
  EXPECT_EQ(pool.load(), 2u);
  release.set_value();
}

TEST(TaskPoolTest, QueuedTasksRunBeforeThePoolIsDestroyed) {
  std::atomic<int> ran{0};
  {
    TaskPool pool(2, 100);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 50);
}

}  // namespace
}  // namespace shortlist
