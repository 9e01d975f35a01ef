#pragma once
// Retry Pending Revocations: asking Certificate Services again for every revocation it has not
// confirmed yet.
#include <cstdint>
#include <optional>
#include <vector>

#include "ca/certificate_services.hpp"
#include "common/km_error.hpp"
#include "store/pending_revocations.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::escrow {

/// One queued revocation after the retry: confirmed (and so removed from the queue) or still
/// pending with the CA's latest error.
struct retried_revocation {
  store::pending_revocation item;  // as it was queued before this retry
  std::optional<error> failure;    // empty when confirmed

  bool confirmed() const noexcept { return !failure.has_value(); }
};

/// Sends every queued revocation to `ca` again (revoke_all: bounded concurrency). Then, in one
/// transaction, removes the confirmed ones from the queue and marks their keys revoked (when
/// still stored), and records one more attempt with the error for the others. Queue order.
std::vector<retried_revocation> retry_pending_revocations(store::sqlite::connection& db, ca::certificate_services& ca,
                                                          std::int64_t now);

}  // namespace arbor::km::escrow
