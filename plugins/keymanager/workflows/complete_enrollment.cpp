#include "workflows/complete_enrollment.hpp"

#include <chrono>

#include "crypto/thumbprint.hpp"
#include "store/tokens.hpp"
#include "workflows/cancellation.hpp"
#include "workflows/enrollment.hpp"
#include "workflows/pkcs12_file.hpp"
#include "workflows/task_audit.hpp"
#include "workflows/token_check.hpp"

namespace arbor::km::workflows {

void check_enrollment_token(key_manager& kms, const presented_token& token) {
  check_token_of(kms.db(), token, store::token_purpose::enroll, kms.clock().now());
}

complete_enrollment_result complete_enrollment(key_manager& kms, ca::certificate_services& ca,
                                               const complete_enrollment_request& request, progress& progress) {
  progress.phase("Complete Enrollment", 2);
  stop_if_cancelled(progress);
  const enrollment_result enrolled = issue_user_key(kms, ca, request.token, request.password);
  progress.step("keys ready");
  const std::filesystem::path file = save_pkcs12(request.output, enrolled.pkcs12);
  progress.step("file saved");
  const crypto::certificate& cert = enrolled.cert;
  const std::string& alias = request.token.alias();
  audit_success(kms, "user " + alias, "enrollment-completed",
                alias + " key " + std::to_string(enrolled.keys_in_history) + " serial " + cert.serial_hex());
  return {file,
          cert.subject(),
          cert.serial_hex(),
          cert.key_algorithm(),
          std::chrono::duration_cast<std::chrono::seconds>(cert.not_after().time_since_epoch()).count(),
          enrolled.keys_in_history,
          crypto::with_colons(crypto::sha1_hex(cert))};
}

}  // namespace arbor::km::workflows
