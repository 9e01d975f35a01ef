#pragma once
// Working the pending-revocation queue: asking Certificate Services again for the revocations it
// has not confirmed yet. Retry Pending Revocations (workflows/retry_revocations) works the whole
// queue, Export Users (workflows/export_users) the entries of the users it exported.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ca/certificate_services.hpp"
#include "common/km_error.hpp"
#include "store/pending_revocations.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::workflows {

/// One queued revocation after the retry: confirmed (and so removed from the queue) or still
/// pending with the CA's latest error.
struct retried_revocation {
  store::pending_revocation item;  // as it was queued before this retry
  std::optional<error> failure;    // empty when confirmed

  bool confirmed() const noexcept { return !failure.has_value(); }
};

using revocation_filter = std::function<bool(const store::pending_revocation&)>;
using revocation_outcome = std::function<void(const retried_revocation&)>;

/// Sends the queued revocations that `which` accepts to `ca` again, in queue order and in
/// batches of `batch_size` (revoke_all: bounded concurrency), so memory does not grow with the
/// queue. After each batch, in one transaction, removes the confirmed ones from the queue and
/// marks their keys revoked (when still stored), and records one more attempt with the error for
/// the others; then hands each outcome to `each`. A crash loses at most the answers of one batch,
/// whose entries stay queued.
void retry_pending_revocations(store::sqlite::connection& db, ca::certificate_services& ca, std::chrono::sys_seconds now,
                               const revocation_filter& which, const revocation_outcome& each,
                               std::size_t batch_size = 512);

}  // namespace arbor::km::workflows
