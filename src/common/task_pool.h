// A fixed set of threads running tasks from a bounded queue. TrySubmit never blocks: when every
// thread is busy and the queue is full it refuses, so a caller can shed load (the HTTP server
// answers 503) instead of piling up work or stalling the thread that submits.
//
// Thread-safe. The destructor runs the tasks already queued, then joins.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "common/mutex.h"

namespace shortlist {

class TaskPool {
 public:
  // `threads` >= 1; `queue_capacity` tasks may wait beyond the ones running (0: none wait).
  TaskPool(int threads, std::size_t queue_capacity);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // Runs `task` on a pool thread soon; false (and `task` is dropped) when the pool is full.
  bool TrySubmit(std::function<void()> task);

  // Tasks running or waiting now.
  std::size_t load() const;

 private:
  void Run();

  const std::size_t capacity_;  // running + waiting
  mutable Mutex mu_;
  CondVar ready_;
  std::deque<std::function<void()>> queue_ GUARDED_BY(mu_);
  std::size_t running_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace shortlist
