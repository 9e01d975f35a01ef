#pragma once
// The Key Manager's audit log as the SDK's audit_trail service, for extension snap-ins (for
// example one that exports it as CSV). Reading needs as many administrators as the password
// policy asks for the "read-audit-log" task, counts towards the lockout like any login, and is
// itself audited (workflows/audit_trail.hpp). Nothing is cached: each call opens the Key Manager
// afresh.
#include "wizards/environment.hpp"
#include "workflows/audit_trail.hpp"

#include <arbor/sdk/audit_trail.hpp>

namespace arbor::km {

/// The password-policy task that reading the audit log through the service is checked against.
using workflows::read_audit_log_task;

class audit_trail_service final : public sdk::audit_trail {
 public:
  /// `env` must be the attached plugin's environment; it is read at each call.
  explicit audit_trail_service(const wizards::environment& env) : env_(env) {}

  sdk::result<std::size_t> credentials_required() override;
  sdk::result<std::uint64_t> read(const std::vector<sdk::credential>& who,
                                  const std::function<void(const sdk::audit_record&)>& visit) override;

 private:
  const wizards::environment& env_;
};

}  // namespace arbor::km
