#pragma once
// The console's progress service seen as a workflow's progress (workflows/progress.hpp): each
// phase is shown as its own bar, the last one ends with this object (also when the task fails).
#include "workflows/progress.hpp"

#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <string_view>

namespace arbor::km::wizards {

class console_progress final : public workflows::progress {
 public:
  /// `progress` may be null: nothing is shown and nothing is ever cancelled.
  explicit console_progress(sdk::progress* progress) : progress_(progress) {}
  ~console_progress() override;
  console_progress(const console_progress&) = delete;
  console_progress& operator=(const console_progress&) = delete;

  void phase(std::string_view label, std::uint64_t total) override;
  void step(std::string_view note) override;
  bool cancelled() const override { return progress_ != nullptr && progress_->cancelled(); }

 private:
  sdk::progress* progress_;
  bool begun_ = false;
  std::uint64_t done_ = 0;
};

}  // namespace arbor::km::wizards
