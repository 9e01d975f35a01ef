#pragma once
// The web front end's progress service. Host services are process-wide while several tasks run
// at once, each on its own thread: a task binds itself to its thread, and the one service
// installed as sdk::progress passes each report to the task bound to the calling thread. Install
// it before any plugin is loaded: plugins look their services up once, when they attach.
#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <string_view>

namespace arbor::host::web {

class web_progress final : public sdk::progress {
 public:
  /// Binds `target` to the calling thread for as long as it lives; the previous binding returns after.
  class binding {
   public:
    explicit binding(sdk::progress& target) noexcept;
    ~binding();
    binding(const binding&) = delete;
    binding& operator=(const binding&) = delete;

   private:
    sdk::progress* previous_;
  };

  /// On a thread with no task bound, reports go nowhere and nothing is cancelled.
  void begin(std::string_view label, std::uint64_t total) override;
  void advance(std::uint64_t done, std::string_view note) override;
  bool cancelled() const override;
  void end() override;
};

}  // namespace arbor::host::web
