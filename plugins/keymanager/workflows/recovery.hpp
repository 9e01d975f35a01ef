#pragma once
// Recovering a user's keys: an operator issues a one-time recovery token; the user redeems it for
// a PKCS#12 file holding their whole key history (every key and certificate, so mail encrypted
// to an old key can still be read).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"
#include "workflows/enrollment.hpp"
#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

/// A recovery token for `alias`, valid for the Enrollment tab's token lifetime. errc::not_found
/// for an unknown user; errc::bad_input when the user has no key history yet (nothing to recover).
invitation issue_recovery_token(key_manager& kms, std::string_view alias);

/// What redeeming a recovery token gives the user.
struct recovered_keys {
  std::string user_id;
  std::size_t keys = 0;              // entries in the PKCS#12 file: the whole history
  std::vector<std::uint8_t> pkcs12;  // under the user's password
};

/// Redeems `token` for `alias`: unseals every key of their history and returns them with their
/// certificates as one PKCS#12 under `pkcs12_password`. One transaction: if a key cannot be
/// unsealed (errc::crypto) the token stays unused. Token refusals as in redeem_token_of;
/// errc::bad_input for an unusable password (check_pkcs12_password).
recovered_keys redeem_recovery(key_manager& kms, std::string_view alias, const secret& token,
                               const secret& pkcs12_password);

}  // namespace arbor::km::workflows
