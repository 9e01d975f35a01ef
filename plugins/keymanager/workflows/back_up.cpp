#include "workflows/back_up.hpp"

#include "store/backup.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {

back_up_result back_up(key_manager& kms, const back_up_request& request) {
  constexpr std::string_view event = "database-backed-up";
  return failure_audited(kms, request.actor, event, kms.directory().backups().string(), [&] {
    const auto file = store::back_up(kms.db(), kms.directory(), kms.clock().now());
    record_audit(kms, request.actor, event, file.string(), audit_outcome::success);
    return back_up_result{file};
  });
}

}  // namespace arbor::km::workflows
