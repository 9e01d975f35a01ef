#include "workflows/export_audit.hpp"

#include <string>

#include "store/audit_log.hpp"

namespace arbor::km::workflows {
namespace {

void append_failure(key_manager& kms, std::string_view actor, std::string_view event, std::string_view detail) {
  store::audit_log(kms.db()).append({0, kms.clock().now(), std::string(actor), std::string(event),
                                     store::audit_outcome::failure, std::string(detail)});
}

}  // namespace

void audit_export_refused(key_manager& kms, std::string_view actor, std::string_view detail) {
  append_failure(kms, actor, "users-export-refused", detail);
}

void audit_export_failed(key_manager& kms, std::string_view actor, std::string_view detail) {
  append_failure(kms, actor, "users-export-failed", detail);
}

}  // namespace arbor::km::workflows
