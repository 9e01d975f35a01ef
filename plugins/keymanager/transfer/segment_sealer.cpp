#include "transfer/segment_sealer.hpp"

#include <utility>

namespace arbor::km::transfer {

segment_sealer::segment_sealer(std::function<void(const secret&)> seal)
    : seal_(std::move(seal)), thread_([this] { run(); }) {}

segment_sealer::~segment_sealer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void segment_sealer::rethrow_failure() {
  if (failure_) std::rethrow_exception(failure_);
}

void segment_sealer::submit(secret& segment) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !has_waiting_ || failure_; });
  rethrow_failure();
  std::swap(waiting_, segment);
  segment.clear();
  has_waiting_ = true;
  lock.unlock();
  changed_.notify_all();
}

void segment_sealer::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (!has_waiting_ && !busy_) || failure_; });
  rethrow_failure();
}

void segment_sealer::run() {
  secret sealing;
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return has_waiting_ || stopping_; });
    if (stopping_) return;
    std::swap(sealing, waiting_);
    has_waiting_ = false;
    busy_ = true;
    lock.unlock();
    changed_.notify_all();
    std::exception_ptr failed;
    try {
      seal_(sealing);
    } catch (...) {
      failed = std::current_exception();
    }
    sealing.clear();
    lock.lock();
    busy_ = false;
    if (failed) {
      failure_ = failed;
      changed_.notify_all();
      return;  // nothing after a failed segment may be written
    }
    changed_.notify_all();
  }
}

}  // namespace arbor::km::transfer
