#include "workflows/back_up.hpp"

#include "store/backup.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {

back_up_result back_up(key_manager& kms, const back_up_request& request) {
  constexpr std::string_view event = "database-backed-up";
  return audit_failure_of(kms, request.actor, event, kms.directory().backups().string(), [&] {
    const auto file = store::back_up(kms.db(), kms.directory(), kms.clock().now());
    audit(kms, request.actor, event, store::audit_outcome::success, file.string());
    return back_up_result{file};
  });
}

}  // namespace arbor::km::workflows
