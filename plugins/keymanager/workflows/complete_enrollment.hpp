#pragma once
// Complete Enrollment: a user (or an operator on their behalf) redeems an enrollment token. The
// Key Manager makes the key pair, has Certificate Services issue the certificate, escrows the key
// and saves the key with its certificate as a PKCS#12 file protected by the user's password.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ca/certificate_services.hpp"
#include "crypto/certificate.hpp"
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
  std::chrono::sys_seconds not_after;
  std::int64_t keys_in_history = 0;
  std::string sha1_thumbprint;  // with colons, as operators read it
};

/// What a completed enrollment produced.
struct enrollment_result {
  std::string user_id;
  std::string key_id;
  std::int64_t keys_in_history = 0;
  crypto::certificate cert;
  std::vector<std::uint8_t> pkcs12;  // the new key and its certificate, under the user's password
};

/// Completes the enrollment `token` presents: generates their key pair (the Enrollment
/// tab's key type), sends a CSR to `ca`, checks the certificate carries the key, seals the key
/// and appends it to the history, marks the token used and the user active, and returns the
/// PKCS#12 under `password`. The token is checked first; every database write happens in one
/// transaction after the CA answered, so a CA failure (ca_unreachable, ca_timeout, ca_error)
/// stores nothing and leaves the token usable. Token refusals as in redeem_token_of.
enrollment_result issue_user_key(key_manager& kms, ca::certificate_services& ca, const presented_token& token,
                                 const pkcs12_password& password);

/// Checks the enrollment token as complete_enrollment will, and changes nothing.
void check_enrollment_token(key_manager& kms, const presented_token& token);

/// Issues the user's key (issue_user_key), saves the PKCS#12 file (save_pkcs12) and audits
/// "enrollment-completed" by "user <alias>". Cancelled before anything changes when `progress`
/// asks. The key is escrowed before the file is written: when the file cannot be written the
/// user recovers the key with a recovery token.
complete_enrollment_result complete_enrollment(key_manager& kms, ca::certificate_services& ca,
                                               const complete_enrollment_request& request, progress& progress);

}  // namespace arbor::km::workflows
