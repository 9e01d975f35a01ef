#pragma once
// The upgrade of a Key Manager that kept a master.key (instance/upgrade.hpp), run by the first
// login: keyslots for the administrators who logged in, every key re-sealed, master.key removed.
// Audited as "keys-upgraded", succeeded (with the backup taken before, which still needs the old
// master.key) or failed.
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <vector>

namespace arbor::km::workflows {

/// Upgrades `kms` with the keyslots of `who` (just logged in with `credentials`). errc::auth_failed
/// when fewer administrators logged in than the key-opening tasks need.
void upgrade_keys(key_manager& kms, const site& where, const authorization& who,
                  const std::vector<credential>& credentials);

}  // namespace arbor::km::workflows
