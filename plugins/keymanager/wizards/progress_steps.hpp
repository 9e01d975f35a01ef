#pragma once
// A task's progress, reported to the console's progress service when there is one: begun on
// construction, ended on destruction (also when the task fails), cancellation checked only
// where the task asks.
#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <string_view>

namespace arbor::km::wizards {

class progress_steps {
 public:
  /// `progress` may be null: nothing is shown and nothing is ever cancelled.
  progress_steps(sdk::progress* progress, std::string_view label, std::uint64_t total);
  ~progress_steps();
  progress_steps(const progress_steps&) = delete;
  progress_steps& operator=(const progress_steps&) = delete;

  /// One more step done.
  void advance(std::string_view note);
  /// Throws km::error(errc::cancelled) when the operator cancelled. Call only before the point
  /// of no return: after it, the task finishes.
  void stop_if_cancelled() const;

 private:
  sdk::progress* progress_;
  std::uint64_t done_ = 0;
};

}  // namespace arbor::km::wizards
