#pragma once
// The steps of enrolling users, each one transaction: adding users (or asking for a new key for
// an existing one) with a one-time enrollment token each; and, when a user presents that token,
// making their key pair, having Certificate Services issue the certificate and escrowing the key
// in their history. The tasks are workflows/enroll_users and workflows/complete_enrollment.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ca/certificate_services.hpp"
#include "common/secret.hpp"
#include "workflows/pkcs12_password.hpp"
#include "workflows/presented_token.hpp"
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

/// Adds `users` in state pending-enrollment, each with an enrollment token valid for the
/// Enrollment tab's lifetime. One transaction: when one user cannot be added (errc::conflict for
/// an alias that exists, named with its origin) none is. Invitations come back in the order of
/// `users`.
std::vector<invitation> add_users(key_manager& kms, std::span<const new_user> users);

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

/// Completes the enrollment `token` presents: generates their key pair (the Enrollment
/// tab's key type), sends a CSR to `ca`, checks the certificate carries the key, seals the key
/// and appends it to the history, marks the token used and the user active, and returns the
/// PKCS#12 under `password`. The token is checked first; every database write happens in one
/// transaction after the CA answered, so a CA failure (ca_unreachable, ca_timeout, ca_error)
/// stores nothing and leaves the token usable. Token refusals as in redeem_token_of.
enrollment_result issue_user_key(key_manager& kms, ca::certificate_services& ca, const presented_token& token,
                                 const pkcs12_password& password);

}  // namespace arbor::km::workflows
