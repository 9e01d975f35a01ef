#include "workflows/task_audit.hpp"

#include "store/audit_log.hpp"

namespace arbor::km::workflows {

void audit_success(key_manager& kms, std::string_view actor, std::string_view event, std::string_view detail) {
  store::audit_entry entry;
  entry.at = kms.clock().now();
  entry.actor = actor;
  entry.event = event;
  entry.outcome = store::audit_outcome::success;
  entry.detail = detail;
  store::audit_log(kms.db()).append(entry);
}

}  // namespace arbor::km::workflows
