#pragma once
// Runs a pure function over a stream of items on other threads, a few at a time, and hands the
// results back on the calling thread in the order the items came. An export unseals and encodes
// batches of users this way while the calling thread, which owns the SQLite connection, reads
// the next batch and writes the finished ones.
//
// At most `in_flight` items are under way, so memory is bounded whatever the stream's length. A
// failure of `work` is rethrown by the submit() or drain() that reaches its item; items still
// under way when the object is destroyed are waited for (their results dropped), so `work` may
// refer to anything that outlives the object.
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <utility>

namespace arbor::km {

template <typename In, typename Out>
class ordered_workers {
 public:
  using done_fn = std::function<void(Out&)>;

  ordered_workers(std::function<Out(In&)> work, std::size_t in_flight)
      : work_(std::move(work)), in_flight_(in_flight == 0 ? 1 : in_flight) {}
  ordered_workers(const ordered_workers&) = delete;
  ordered_workers& operator=(const ordered_workers&) = delete;
  ~ordered_workers() {
    for (auto& running : running_) running.wait();
  }

  // Starts `work` on `item`; first, while `in_flight` items are under way, waits for the oldest
  // and gives its result to `done`.
  void submit(In item, const done_fn& done) {
    while (running_.size() >= in_flight_) finish_oldest(done);
    running_.push_back(std::async(std::launch::async, [this, item = std::move(item)]() mutable { return work_(item); }));
  }

  // Waits for every item under way, giving each result to `done` in order.
  void drain(const done_fn& done) {
    while (!running_.empty()) finish_oldest(done);
  }

 private:
  void finish_oldest(const done_fn& done) {
    auto oldest = std::move(running_.front());
    running_.pop_front();
    Out result = oldest.get();
    done(result);
  }

  std::function<Out(In&)> work_;
  std::size_t in_flight_;
  std::deque<std::future<Out>> running_;
};

}  // namespace arbor::km
