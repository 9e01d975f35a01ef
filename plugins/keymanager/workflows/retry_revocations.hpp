#pragma once
// Retry Pending Revocations: asks Certificate Services again for every revocation it has not
// confirmed yet, and says which it confirmed and which still wait.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ca/certificate_services.hpp"
#include "common/km_error.hpp"
#include "instance/key_manager.hpp"
#include "workflows/progress.hpp"

namespace arbor::km::workflows {

struct retry_revocations_request {
  std::string actor;  // the administrators, as audited
};

/// One queued certificate after the retry: confirmed (and gone from the queue) or still pending
/// with the CA's latest error.
struct retried_certificate {
  std::string user_alias;
  std::string serial_hex;
  std::optional<error> failure;  // empty when confirmed

  bool confirmed() const noexcept { return !failure.has_value(); }
};

struct retry_revocations_result {
  std::vector<retried_certificate> certificates;  // in queue order; empty when none was waiting
  std::size_t confirmed = 0;
  std::size_t pending = 0;
};

/// Works the whole queue (retry_pending_revocations) and audits "revocations-retried" with the
/// counts. Never throws for CA failures. Cancelled before anything changes when `progress` asks.
retry_revocations_result retry_revocations(key_manager& kms, ca::certificate_services& ca,
                                           const retry_revocations_request& request, progress& progress);

}  // namespace arbor::km::workflows
