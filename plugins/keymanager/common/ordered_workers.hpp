#pragma once
// Runs a pure function over a stream of items on a few threads of its own, and hands the results
// back on the calling thread in the order the items came. An export unseals and encodes batches
// of users this way while the calling thread, which owns the SQLite connection, reads the next
// batch and writes the finished ones.
//
// At most `in_flight` items are under way, on as many threads, so memory is bounded whatever the
// stream's length. The threads live as long as the object: a thread per item would give each new
// thread a malloc arena of its own, and the memory those keep grew the export's peak by a fifth
// between 10,000 and 100,000 users (bench/export). A failure of `work` is rethrown by the
// submit() or drain() that reaches its item; items still under way when the object is destroyed
// are finished first (their results dropped), so `work` may refer to anything that outlives the
// object.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace arbor::km {

template <typename In, typename Out>
class ordered_workers {
 public:
  using done_fn = std::function<void(Out&)>;

  ordered_workers(std::function<Out(In&)> work, std::size_t in_flight)
      : work_(std::move(work)), in_flight_(in_flight == 0 ? 1 : in_flight) {
    threads_.reserve(in_flight_);
    try {
      for (std::size_t i = 0; i < in_flight_; ++i) threads_.emplace_back([this] { serve(); });
    } catch (...) {
      stop();
      throw;
    }
  }
  ordered_workers(const ordered_workers&) = delete;
  ordered_workers& operator=(const ordered_workers&) = delete;
  ~ordered_workers() { stop(); }

  // Starts `work` on `item`; first, while `in_flight` items are under way, waits for the oldest
  // and gives its result to `done`.
  void submit(In item, const done_fn& done) {
    while (results_.size() >= in_flight_) finish_oldest(done);
    std::packaged_task<Out()> task([this, item = std::move(item)]() mutable { return work_(item); });
    results_.push_back(task.get_future());
    {
      const std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
    }
    wake_.notify_one();
  }

  // Waits for every item under way, giving each result to `done` in order.
  void drain(const done_fn& done) {
    while (!results_.empty()) finish_oldest(done);
  }

 private:
  void finish_oldest(const done_fn& done) {
    auto oldest = std::move(results_.front());
    results_.pop_front();
    Out result = oldest.get();
    done(result);
  }

  // Each thread takes the next item until the queue is empty and the object is going.
  void serve() {
    for (;;) {
      std::packaged_task<Out()> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

  std::function<Out(In&)> work_;
  std::size_t in_flight_;
  std::deque<std::future<Out>> results_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<Out()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace arbor::km
