#pragma once
// Stopping a task whose operator cancelled it, before it changed anything.
#include "common/km_error.hpp"
#include "workflows/progress.hpp"

namespace arbor::km::workflows {

/// errc::cancelled when the operator asked to stop. Call only before the point of no return.
inline void stop_if_cancelled(const progress& progress) {
  if (progress.cancelled()) throw error(errc::cancelled, "Cancelled: nothing was changed.");
}

}  // namespace arbor::km::workflows
