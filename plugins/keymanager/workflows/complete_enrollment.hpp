#pragma once
// Complete Enrollment: a user (or an operator on their behalf) redeems an enrollment token. The
// Key Manager makes the key pair, has Certificate Services issue the certificate, escrows the key
// and saves the key with its certificate as a PKCS#12 file protected by the user's password.
#include <cstdint>
#include <filesystem>
#include <string>

#include "ca/certificate_services.hpp"
#include "instance/key_manager.hpp"
#include "workflows/progress.hpp"
#include "workflows/token_redemption.hpp"

namespace arbor::km::workflows {

using complete_enrollment_request = token_redemption;

/// The saved file and the certificate the user got.
struct complete_enrollment_result {
  std::filesystem::path file;  // absolute
  std::string subject;
  std::string serial_hex;
  std::string key_algorithm;    // "RSA 2048"
  std::int64_t not_after = 0;   // Unix seconds
  std::int64_t keys_in_history = 0;
  std::string sha1_thumbprint;  // with colons, as operators read it
};

/// Checks the enrollment token as complete_enrollment will, and changes nothing.
void check_enrollment_token(key_manager& kms, const presented_token& token);

/// Issues the user's key (issue_user_key), saves the PKCS#12 file (save_pkcs12) and audits
/// "enrollment-completed" by "user <alias>". Cancelled before anything changes when `progress`
/// asks. The key is escrowed before the file is written: when the file cannot be written the
/// user recovers the key with a recovery token.
complete_enrollment_result complete_enrollment(key_manager& kms, ca::certificate_services& ca,
                                               const complete_enrollment_request& request, progress& progress);

}  // namespace arbor::km::workflows
