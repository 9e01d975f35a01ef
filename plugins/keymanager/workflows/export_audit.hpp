#pragma once
// The audit of Export Users' refusals and failures, under the event names operators and their
// tools read: users-export-refused (a destination or thumbprint the pages refused) and
// users-export-failed (an export that stopped). Its success is audited in the removal
// transaction (store::complete_export).
#include <string_view>

#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

void audit_export_refused(key_manager& kms, std::string_view actor, std::string_view detail);
void audit_export_failed(key_manager& kms, std::string_view actor, std::string_view detail);

}  // namespace arbor::km::workflows
