#pragma once
// The Key Manager's details pane: one row per user (user, e-mail, state, keys in history,
// certificate status) and the pending revocations, with a warning while the initial password is
// in use. Read-only, so it asks for no password.
#include "instance/key_manager.hpp"

#include <arbor/sdk/node.hpp>

namespace arbor::km::views {

sdk::details_view server_details(key_manager& kms, bool default_password_in_use, sdk::row_window window);

}  // namespace arbor::km::views
