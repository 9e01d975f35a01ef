#pragma once
// Where the Key Manager reads the time, so lockout delays and token lifetimes can be tested
// without sleeping. Times are whole seconds of UTC (std::chrono::sys_seconds) everywhere above the
// SQL row; kms.db stores them as Unix seconds (store/sqlite.hpp binds and reads them).
#include <chrono>

namespace arbor::km {

class clock {
 public:
  virtual ~clock() = default;
  virtual std::chrono::sys_seconds now() const = 0;
};

// The real time.
class system_clock final : public clock {
 public:
  std::chrono::sys_seconds now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that moves only when told: for tests.
class test_clock final : public clock {
 public:
  explicit test_clock(std::chrono::sys_seconds start) : now_(start) {}
  /// From Unix seconds, the way tests write instants.
  explicit test_clock(long long unix_seconds) : now_(std::chrono::seconds(unix_seconds)) {}
  std::chrono::sys_seconds now() const override { return now_; }
  void set(std::chrono::sys_seconds when) { now_ = when; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  std::chrono::sys_seconds now_;
};

}  // namespace arbor::km
