#include "workflows/retry_revocations.hpp"

#include "workflows/cancellation.hpp"
#include "workflows/pending_retry.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {

retry_revocations_result retry_revocations(key_manager& kms, ca::certificate_services& ca,
                                           const retry_revocations_request& request, progress& progress) {
  progress.phase("Retrying revocations", 1);
  stop_if_cancelled(progress);
  retry_revocations_result result;
  retry_pending_revocations(
      kms.db(), ca, kms.clock().now(), [](const store::pending_revocation&) { return true; },
      [&](const retried_revocation& outcome) {
        ++(outcome.confirmed() ? result.confirmed : result.pending);
        result.certificates.push_back({outcome.item.user_alias, outcome.item.serial_hex, outcome.failure});
      });
  progress.step("done");
  record_audit(kms, request.actor, "revocations-retried",
                std::to_string(result.confirmed) + " confirmed, " + std::to_string(result.pending) + " pending", audit_outcome::success);
  return result;
}

}  // namespace arbor::km::workflows
