#include "common/task_pool.h"

#include <algorithm>

namespace shortlist {

TaskPool::TaskPool(int threads, std::size_t queue_capacity)
    : capacity_(static_cast<std::size_t>(std::max(1, threads)) + queue_capacity) {
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { Run(); });
}

TaskPool::~TaskPool() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  ready_.SignalAll();
  for (auto& t : threads_) t.join();
}

bool TaskPool::TrySubmit(std::function<void()> task) {
  {
    MutexLock lock(mu_);
    if (stopping_ || running_ + queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(task));
  }
  ready_.Signal();
  return true;
}

std::size_t TaskPool::load() const {
  MutexLock lock(mu_);
  return running_ + queue_.size();
}

void TaskPool::Run() {
  for (;;) {
    std::function<void()> task;
    {
      MutexLock lock(mu_);
      while (queue_.empty() && !stopping_) ready_.Wait(&mu_);
      if (queue_.empty()) return;  // stopping, and nothing left to run
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    task();
    MutexLock lock(mu_);
    --running_;
  }
}

}  // namespace shortlist
