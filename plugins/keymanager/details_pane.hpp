#pragma once
// The Key Manager's details pane: its identity (short code and subject), one row per user (user,
// e-mail, state, keys in history, certificate status) and the pending revocations, with a warning
// while the initial password is in use. Read-only, so it asks for no password.
#include "workflows/server_overview.hpp"

#include <arbor/sdk/node.hpp>

namespace arbor::km {

/// The table of users, and the column whose value (the alias) names a user: the rows an
/// operator selects for a task (SDK 1.2 row selection).
inline constexpr const char* users_table_title = "Users";
inline constexpr const char* users_key_column = "user";

/// The details view of `overview`, read for `window` (workflows::read_server_overview).
sdk::details_view details_pane(const workflows::server_overview& overview, sdk::row_window window);

}  // namespace arbor::km
