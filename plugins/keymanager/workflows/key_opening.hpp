#pragma once
// Opening this Key Manager's keys for a task: the vault (instance/vault.hpp) opened with the
// keyslots of the administrators who logged in for it, with the passwords they logged in with.
// Only tasks that need a key call it: Export Users, Import Users, Recover Keys and Restore, and
// the Administrators and Passwords tabs when they re-make keyslots or shares.
#include "instance/vault.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <cstdint>
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

/// Opens the vault with the keyslots of `who`. A refusal (too few administrators with a keyslot, a
/// keyslot or vault that was altered or copied, a missing HSM token) is audited as "keys-opened"
/// failed, naming the task, and thrown. An administrator of `who` without a keyslot gets one,
/// audited as "keyslot-created", and the vault is split anew to include them.
opened_vault open_keys(key_manager& kms, const site& where, const authorization& who,
                       const std::vector<credential>& credentials);

}  // namespace arbor::km::workflows
