#pragma once
// The progress service of the interactive console: a box with the task's label, a bar with
// done/total and the latest note. Esc or 'c' (or SIGINT) asks the task to stop: cancelled()
// turns true and the task stops where it is safe to. Each step (begin .. end) is also written to
// the log, so the Log view shows what a task did after its dialog is gone.
#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <string>

namespace arbor::host::tui {

class progress_dialog final : public sdk::progress {
 public:
  /// `log` receives a line when a step begins and when it ends; it must outlive this.
  explicit progress_dialog(sdk::log& log) : log_(log) {}

  void begin(std::string_view label, std::uint64_t total) override;
  void advance(std::uint64_t done, std::string_view note) override;
  /// Reads the keys typed since the last call, so a task that only polls still sees Esc.
  bool cancelled() const override;
  void end() override;

  bool active() const noexcept { return active_; }

 private:
  void poll_keys() const;
  void draw() const;

  sdk::log& log_;
  std::string label_;
  std::string note_;
  std::uint64_t total_{0};
  std::uint64_t done_{0};
  bool active_{false};
  mutable bool cancel_requested_{false};
};

}  // namespace arbor::host::tui
