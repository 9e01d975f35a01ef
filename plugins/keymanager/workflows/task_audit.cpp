#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {

void record_audit(key_manager& kms, std::string_view actor, std::string_view event, std::string_view detail,
                  audit_outcome outcome) {
  store::audit_entry entry;
  entry.at = kms.clock().now();
  entry.actor = actor;
  entry.event = event;
  entry.outcome = outcome;
  entry.detail = detail;
  store::audit_log(kms.db()).append(entry);
}

}  // namespace arbor::km::workflows
