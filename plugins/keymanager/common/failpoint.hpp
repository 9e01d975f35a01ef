#pragma once
// Named crash points for tests of crash safety. When the environment variable ARBOR_FAILPOINT
// equals a point's name, the process is killed there with SIGKILL (no destructors, no flushing),
// as a power cut or `kill -9` would. Without the variable this is one getenv per call.
#include <csignal>
#include <cstdlib>
#include <string_view>

namespace arbor::km {

inline void failpoint(std::string_view name) {
  const char* armed = std::getenv("ARBOR_FAILPOINT");
  if (armed != nullptr && name == armed) std::raise(SIGKILL);
}

}  // namespace arbor::km
