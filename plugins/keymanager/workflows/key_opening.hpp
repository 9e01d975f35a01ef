#pragma once
// Opening this Key Manager's keys for a task: the vault (instance/vault.hpp) opened with the
// keyslots of the administrators who logged in for it, with the passwords they logged in with,
// and with the site's HSM token where one is configured (keys.pkcs11-*), with the PIN typed at
// the same login. Only tasks that need a key call it: Export Users, Import Users, Recover Keys and
// Restore, and the Administrators and Passwords tabs when they re-make keyslots or shares.
#include "instance/vault.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace arbor::km::workflows {

using km::opened_vault;
using km::administrator_key;
using auth::opens_keys;

/// How many administrators the key-opening tasks need: the vault's shares are split for it.
std::int64_t key_threshold(key_manager& kms, const site& where);

/// `credentials` as keyslot keys. errc::internal unless they are those `who` was granted for, in
/// order: a caller's bug.
std::vector<administrator_key> keyslot_keys(const authorization& who, const std::vector<credential>& credentials);

/// Whether the login for a task asks for the PIN of the site's HSM token.
enum class hsm_pin_demand {
  none,      ///< the site has no token, or the task opens no key
  required,  ///< the task opens keys (auth::opens_keys), or adds or removes an administrator
  optional,  ///< the password policy changes: keys are opened only if the key-opening number does
};
hsm_pin_demand hsm_pin_needed(const site& where, std::string_view task);

/// The HSM token a site has configured and the PIN typed for it at the login. The token is logged
/// in to only for the moment the keys need it (to unwrap the vault's pepper, or to bind the vault
/// to it), and closed after: the tasks of a process take a token in turn, since PKCS#11 logins
/// belong to the process (crypto::pkcs11_token::open waits for another task to close it).
struct hsm_login {
  std::optional<pkcs11_config> token;  ///< none: the site has no token configured
  secret pin;                          ///< as typed; empty when none was asked
};

/// Opens `v` with `keyslots`, and with the token of `hsm` when `v` needs one. The refusals of
/// vault::open, and of crypto::pkcs11_token::open (errc::auth_failed for a wrong PIN, errc::
/// bad_input for an empty one, errc::not_found for a missing module or token, errc::conflict when
/// another task of this process holds the token for longer than its wait).
opened_vault open_vault(km::vault& v, std::span<const administrator_key> keyslots, const hsm_login& hsm);

/// Opens the vault with the keyslots of `who` and, where the site has a token configured, that
/// token logged in to with `hsm_pin`. The first key opening with a token configured binds the vault
/// to it: the token's wrapping key (made unless the token holds one under the configured label)
/// wraps a new pepper and the vault is split anew, V unchanged, in one transaction audited as
/// "hsm-bound". A refusal (too few administrators with a keyslot, a keyslot or vault that was
/// altered or copied, a vault that needs a token and none configured, a wrong PIN, another token)
/// is audited as "keys-opened" failed, naming the task, and thrown. A keyslot that does not open,
/// or is missing, because another task changed that administrator's password or removed them
/// since `credentials` were checked is refused with errc::auth_failed saying to log in again, not
/// as tampering. An administrator of `who`
/// without a keyslot gets one, audited as "keyslot-created", and the vault is split anew to
/// include them.
opened_vault open_keys(key_manager& kms, const site& where, const authorization& who,
                       const std::vector<credential>& credentials, const secret& hsm_pin);

}  // namespace arbor::km::workflows
