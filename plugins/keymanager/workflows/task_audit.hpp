#pragma once
// The audit log entry a workflow writes when its task is done: the event names and
// details operators and tests read in the audit trail.
#include <string_view>

#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

/// Appends `event` by `actor` (the administrators as the login names them, or "user <alias>"
/// for a token task), at the Key Manager's clock's now.
void audit_success(key_manager& kms, std::string_view actor, std::string_view event, std::string_view detail);

}  // namespace arbor::km::workflows
