#pragma once
// Recover Keys: an administrator issues a one-time recovery token for a user, returned once; with
// it the user runs Redeem Recovery Token (workflows/redeem_recovery) and gets every key of their
// history back.
#include <string>
#include <vector>

#include "instance/key_manager.hpp"
#include "workflows/enrollment.hpp"

namespace arbor::km::workflows {

struct recover_keys_request {
  std::string alias;  // whose keys
  std::string actor;  // the administrators, as audited
};

/// The aliases of the users with a key history, in the users' order: the only ones with
/// something to recover.
std::vector<std::string> users_with_keys(key_manager& kms);

/// A recovery token for the user, valid for the Enrollment tab's token lifetime, audited as
/// "recovery-token-issued". The user's history is opened with `keys` and re-sealed under a key
/// derived from the token (instance/key_sealing.hpp), so redeeming it opens nothing else. errc::not_found for an unknown user; errc::bad_input when the user
/// has no key history yet (nothing to recover).
invitation recover_keys(key_manager& kms, const opened_vault& keys, const recover_keys_request& request);

}  // namespace arbor::km::workflows
