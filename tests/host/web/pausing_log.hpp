#pragma once
// The web tests' log: keeps every line, from any thread, and holds the writing thread at the
// first line holding the text given to pause_at() until resume(): a task's run() stopped at a
// known point.
#include <arbor/sdk/services.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::web::test {

class pausing_log final : public sdk::log {
 public:
  void write(sdk::log_level, std::string_view message) override {
    std::unique_lock lock(mutex_);
    lines_.emplace_back(message);
    if (pause_text_.empty() || message.find(pause_text_) == std::string_view::npos) return;
    pause_text_.clear();
    paused_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return !paused_; });
  }
  void pause_at(std::string text) {
    const std::lock_guard lock(mutex_);
    pause_text_ = std::move(text);
  }
  bool wait_paused() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [this] { return paused_; });
  }
  /// Lets the held thread go on; with `for_good`, no later line holds it (a test that failed early).
  void resume(bool for_good = false) {
    const std::lock_guard lock(mutex_);
    if (for_good) pause_text_.clear();
    paused_ = false;
    changed_.notify_all();
  }
  std::vector<std::string> lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
  }
  bool mentions(std::string_view text) const {
    for (const auto& line : lines())
      if (line.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
  std::string pause_text_;
  bool paused_{false};
};

}  // namespace arbor::host::web::test
