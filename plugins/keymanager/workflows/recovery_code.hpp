#pragma once
// The recovery code: a keyslot for a printed code instead of a person, like BitLocker's recovery
// key. Optional and off by default: it exists only once an administrator creates it on the
// Administrators tab, and it is shown that once. It is the administrator named "recovery" whose
// password is the code (48 random digits in eight groups of six, about 159 bits), so it counts as
// one administrator, for the login and for the shares. Whoever holds it counts as an
// administrator: keep it printed and locked away. Removing the administrator "recovery" destroys
// its keyslot; a new code can then be made.
#include "common/secret.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <string_view>
#include <vector>

namespace arbor::km::workflows {

inline constexpr std::string_view recovery_administrator = "recovery";

/// Creates the recovery code and its keyslot, by `who` (logged in for manage_administrators_task
/// with `credentials`, and `hsm_pin` where the site has a token: they open the keys, and the vault
/// is split anew to include it). Audited as
/// "recovery-code-created", never with the code. errc::conflict when an administrator named
/// "recovery" exists already.
secret create_recovery_code(key_manager& kms, const site& where, const authorization& who,
                            const std::vector<credential>& credentials, const secret& hsm_pin);

}  // namespace arbor::km::workflows
