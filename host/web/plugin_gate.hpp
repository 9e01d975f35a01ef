#pragma once
// One process-wide lock around the web front end's plugin calls (registry lookups and library
// loading, details reads, actions, wizard spec/prepare/validate), so a plugin never sees two of
// them at once. A wizard's run() is made outside it, on its task's own thread.
#include <mutex>

namespace arbor::host::web {

class plugin_gate {
 public:
  /// Held until the returned lock goes.
  std::unique_lock<std::mutex> enter() { return std::unique_lock<std::mutex>(mutex_); }

 private:
  std::mutex mutex_;
};

}  // namespace arbor::host::web
