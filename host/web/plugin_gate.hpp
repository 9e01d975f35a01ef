#pragma once
// The one door into the plugins for the web front end. Browsers send requests at once, but a
// plugin is written for one caller at a time (as in the scripted and terminal consoles), so every
// registry lookup, details read, action and wizard page call made for the web holds this gate.
// wizard::run() is the exception: it runs on its task's thread without the gate (see task_board).
#include <mutex>

namespace arbor::host::web {

class plugin_gate {
 public:
  /// Blocks until no other web call is inside a plugin; the lock lets the next one in.
  std::unique_lock<std::mutex> enter() { return std::unique_lock<std::mutex>(mutex_); }

 private:
  std::mutex mutex_;
};

}  // namespace arbor::host::web
