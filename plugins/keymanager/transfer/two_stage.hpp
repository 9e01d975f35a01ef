#pragma once
// Runs the two halves of a pass over a file on two cores: a producer on a second thread (an
// import reads, decrypts, verifies and checks users there) hands items, in order, to a consumer on
// the calling thread (which owns the SQLite connection and its transaction). At most `depth` items
// wait in between, so memory does not grow with the file.
//
// A failure on either side ends both: a producer's error is rethrown to the caller as soon as the
// consumer sees it; a consumer's error makes the producer's next hand-over throw, so its pass
// unwinds, and is rethrown once the thread has ended.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace arbor::km::transfer {

template <typename Item, typename Result>
class two_stage {
 public:
  using emit = std::function<void(Item&&)>;

  // `produce` runs on the second thread and gives each item to the emit it is passed.
  two_stage(std::function<Result(const emit&)> produce, std::size_t depth)
      : produce_(std::move(produce)), depth_(depth) {}

  // Calls `consume` for each item on this thread, in the order they were emitted, and returns
  // what `produce` returned.
  Result run(const std::function<void(Item&)>& consume) {
    std::thread producer([this] { produce_on_this_thread(); });
    try {
      while (auto item = next()) consume(*item);
    } catch (...) {
      stop();
      producer.join();
      throw;
    }
    producer.join();
    if (failure_) std::rethrow_exception(failure_);
    return std::move(*result_);
  }

 private:
  struct stopped {};  // thrown through the producer's pass once the consumer gave up

  void produce_on_this_thread() {
    try {
      Result result = produce_([this](Item&& item) { hand_over(std::move(item)); });
      const std::lock_guard lock(mutex_);
      result_.emplace(std::move(result));
    } catch (const stopped&) {
      // The consumer failed and rethrows its own error.
    } catch (...) {
      const std::lock_guard lock(mutex_);
      failure_ = std::current_exception();
    }
    const std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }

  void hand_over(Item&& item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || waiting_.size() < depth_; });
    if (stopping_) throw stopped{};
    waiting_.push_back(std::move(item));
    changed_.notify_all();
  }

  // The next item; nullopt once the producer has finished and everything it emitted was taken,
  // or as soon as it has failed.
  std::optional<Item> next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !waiting_.empty() || finished_; });
    if (failure_ || waiting_.empty()) return std::nullopt;
    std::optional<Item> item(std::move(waiting_.front()));
    waiting_.pop_front();
    changed_.notify_all();
    return item;
  }

  void stop() {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
  }

  std::function<Result(const emit&)> produce_;
  std::size_t depth_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Item> waiting_;
  bool stopping_ = false;
  bool finished_ = false;
  std::exception_ptr failure_;
  std::optional<Result> result_;
};

}  // namespace arbor::km::transfer
