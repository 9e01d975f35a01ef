#pragma once
// The audit log entries the workflows write for the tasks they run: one per success, one per
// failure, under the same event name, never with a password or key material in the detail.
#include "workflows/site.hpp"
#include "common/km_error.hpp"
#include "store/audit_log.hpp"

#include <string>
#include <string_view>

namespace arbor::km::workflows {

using store::audit_outcome;

/// Appends `event` by `actor` ("system", a user, or administrators joined with ", ") to the audit
/// log, at the Key Manager's time.
void record_audit(key_manager& kms, std::string_view actor, std::string_view event, std::string_view detail,
                  audit_outcome outcome);

/// Runs `work`; when it throws km::error, records `event` as failed with `detail` and the reason,
/// then lets the error through. Success is `work`'s to record, in its own transaction. When the
/// audit log cannot be written either (busy past SQLite's wait, a read-only disk), the error is
/// still `work`'s, saying that it went unrecorded: what the operator must fix is not hidden.
template <class Work>
decltype(auto) failure_audited(key_manager& kms, std::string_view actor, std::string_view event,
                               std::string_view detail, Work&& work) {
  try {
    return work();
  } catch (const error& e) {
    const std::string reason = detail.empty() ? e.what() : std::string(detail) + ": " + e.what();
    try {
      record_audit(kms, actor, event, reason, audit_outcome::failure);
    } catch (const error& unrecorded) {
      throw error(e.code(),
                  std::string(e.what()) + " (This failure could not be written to the audit log: " +
                      unrecorded.what() + ")",
                  e.technical());
    }
    throw;
  }
}

}  // namespace arbor::km::workflows
