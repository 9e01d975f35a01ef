#pragma once
// Where the Key Manager reads the time, so lockout delays and token lifetimes can be tested
// without sleeping.
#include <chrono>
#include <cstdint>

namespace arbor::km {

// A source of the current time as Unix seconds (UTC), the unit kms.db stores.
class clock {
 public:
  virtual ~clock() = default;
  virtual std::int64_t now() const = 0;
};

// The real time.
class system_clock final : public clock {
 public:
  std::int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told: for tests.
class test_clock final : public clock {
 public:
  explicit test_clock(std::int64_t start) : now_(start) {}
  std::int64_t now() const override { return now_; }
  void set(std::int64_t unix_seconds) { now_ = unix_seconds; }
  void advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::int64_t now_;
};

}  // namespace arbor::km
