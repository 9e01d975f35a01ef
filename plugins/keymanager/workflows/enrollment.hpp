#pragma once
// Enrolling users: an operator adds users (or asks for a new key for an existing one) and hands
// each a one-time enrollment token; the user completes the enrollment with it, and the Key
// Manager makes their key pair, has Certificate Services issue the certificate, escrows the key
// in their history and gives them a PKCS#12 file.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ca/certificate_services.hpp"
#include "common/secret.hpp"
#include "crypto/certificate.hpp"
#include "workflows/new_user.hpp"
#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

/// User states as kms.db stores them: added but never enrolled (no key history), or with keys.
inline constexpr std::string_view state_pending_enrollment = "pending-enrollment";
inline constexpr std::string_view state_active = "active";

/// A one-time token for one user. `token` is the only clear copy: show it once, then drop it.
struct invitation {
  std::string alias;
  std::string user_id;
  secret token;
  std::int64_t expires_at = 0;  // Unix seconds
};

/// Adds `users` (checked with check_new_user) in state pending-enrollment, each with an
/// enrollment token valid for the Enrollment tab's lifetime. One transaction: when one user
/// cannot be added (errc::bad_input, or errc::conflict for an alias that exists, named with its
/// origin) none is. Invitations come back in the order of `users`.
std::vector<invitation> enroll_users(key_manager& kms, std::span<const new_user> users);

/// A new enrollment token for an existing user, so they get another key. Their history is kept
/// and the new key is added after it. errc::not_found when there is no user `alias`.
invitation reenroll_user(key_manager& kms, std::string_view alias);

/// What a completed enrollment produced.
struct enrollment_result {
  std::string user_id;
  std::string key_id;
  std::int64_t keys_in_history = 0;
  crypto::certificate cert;
  std::vector<std::uint8_t> pkcs12;  // the new key and its certificate, under the user's password
};

/// Completes the enrollment of `alias` with `token`: generates their key pair (the Enrollment
/// tab's key type), sends a CSR to `ca`, checks the certificate carries the key, seals the key
/// and appends it to the history, marks the token used and the user active, and returns the
/// PKCS#12 under `pkcs12_password`. The token is checked first; every database write happens in
/// one transaction after the CA answered, so a CA failure (ca_unreachable, ca_timeout, ca_error)
/// stores nothing and leaves the token usable. Token refusals as in redeem_token_of;
/// errc::bad_input for a PKCS#12 password that is empty or shorter than 8 characters.
enrollment_result complete_enrollment(key_manager& kms, ca::certificate_services& ca, std::string_view alias,
                                      const secret& token, const secret& pkcs12_password);

/// errc::bad_input unless `password` can protect a user's PKCS#12 file: at least 8 characters,
/// no NUL.
void check_pkcs12_password(const secret& password);

}  // namespace arbor::km::workflows
