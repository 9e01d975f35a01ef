#pragma once
// Redeem Recovery Token: a user redeems a recovery token for a PKCS#12 file holding their whole
// key history (every key and certificate, so mail encrypted to an old key can still be read),
// protected by the password they choose.
#include <cstddef>
#include <filesystem>

#include "instance/key_manager.hpp"
#include "workflows/progress.hpp"
#include "workflows/token_redemption.hpp"

namespace arbor::km::workflows {

using redeem_recovery_request = token_redemption;

struct redeem_recovery_result {
  std::filesystem::path file;  // absolute
  std::size_t keys = 0;        // entries in the PKCS#12 file: the whole history
};

/// Checks the recovery token as redeem_recovery will, and changes nothing.
void check_recovery_token(key_manager& kms, const presented_token& token);

/// Redeems the token: unseals every key of the user's history, saves them with their
/// certificates as one PKCS#12 file under the request's password (save_pkcs12) and audits
/// "recovery-redeemed" by "user <alias>". The token is used in one transaction with the
/// unsealing: if a key cannot be unsealed (errc::crypto) the token stays unused. Token refusals
/// as in redeem_token_of. Cancelled before anything changes when `progress` asks.
redeem_recovery_result redeem_recovery(key_manager& kms, const redeem_recovery_request& request, progress& progress);

}  // namespace arbor::km::workflows
