#pragma once
// One process-wide lock around the web front end's calls on plugin objects (registry lookups and
// library loading, details reads, opening a task's wizard and destroying it), so a plugin object
// never sees two of them at once. A task's wizard is called outside it, one call at a time
// (gated_wizard), since a page may be slow on purpose and a run long.
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
