#pragma once
// Calls that may hang in the kernel, such as reading a directory on a network mount that stopped
// answering, run on a thread of their own while the web worker waits a bounded time. Past the
// deadline the worker answers "did not answer" and goes back to serving requests; the call's
// thread ends whenever the call returns, if it ever does (no thread stuck in the kernel can be
// stopped). While `max_stuck` calls are past their deadline, further calls are refused at once,
// so hung mounts cannot use up the workers or grow threads without bound.
#include <arbor/sdk/error.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace arbor::host::web {

class stall_guard {
 public:
  stall_guard(std::chrono::milliseconds deadline, std::size_t max_stuck)
      : deadline_(deadline), max_stuck_(max_stuck), stuck_(std::make_shared<std::atomic<std::size_t>>(0)) {}

  /// `call`'s result; `unavailable` naming `what` ("The directory /mnt/x", checked by `call`
  /// first) when it takes longer than the deadline; `unavailable` without running it while
  /// `max_stuck` calls are past theirs.
  template <class T>
  sdk::result<T> run(std::function<sdk::result<T>()> call, const std::string& what) {
    if (stuck() >= max_stuck_)
      return sdk::fail(sdk::reason::unavailable,
                       "Earlier calls still wait on directories that do not answer, so none is read now.",
                       "type the path in the field, or check the server's network mounts");
    auto shared = std::make_shared<outcome<T>>();
    std::thread([shared, stuck = stuck_, call = std::move(call)] {
      auto result = call();
      const std::lock_guard lock(shared->mutex);
      shared->value.emplace(std::move(result));
      if (shared->abandoned) --*stuck;
      shared->done.notify_all();
    }).detach();
    std::unique_lock lock(shared->mutex);
    if (shared->done.wait_for(lock, deadline_, [&] { return shared->value.has_value(); }))
      return std::move(*shared->value);
    shared->abandoned = true;
    ++*stuck_;
    return sdk::fail(sdk::reason::unavailable,
                     what + " did not answer within " + deadline_text() + ".",
                     "it may be on a network mount that hangs: type the path in the field, or check the mount");
  }

  /// How many calls are past their deadline and still running.
  std::size_t stuck() const { return stuck_->load(); }

 private:
  std::string deadline_text() const {
    const auto ms = deadline_.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
  }

  template <class T>
  struct outcome {
    std::mutex mutex;
    std::condition_variable done;
    std::optional<sdk::result<T>> value;
    bool abandoned = false;
  };

  std::chrono::milliseconds deadline_;
  std::size_t max_stuck_;
  std::shared_ptr<std::atomic<std::size_t>> stuck_;  ///< shared with calls' threads, which may outlive the guard
};

}  // namespace arbor::host::web
