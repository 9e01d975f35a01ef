#pragma once
// The kms.db schema as a list of forward migrations. The version a file is at lives in
// PRAGMA user_version; each migration runs in its own transaction together with the version bump,
// so a crash leaves the file at one version or the next, never in between. Migrations are never
// edited once released: a change is a new migration.
#include <filesystem>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store::schema {

// The version this code writes. 1: users, key history, administrators, password policy,
// lockout, audit log. 2: enrollment tokens and the pending-revocation queue. 3: transfers and
// settings. 4: the export journal and the users each export takes. 5: the lockout per name
// instead of one for the whole Key Manager. 6: the vault, the administrators' keyslots and the
// recovery keys, instead of master.key.
inline constexpr int current_version = 6;

// The version recorded in the file (0 for a new, empty one).
int version_of(sqlite::connection& db);

// Applies the migrations after the file's version up to `target` (<= current_version). Throws
// errc::bad_input when the file is newer than this code understands, and errc::corrupt when it
// is at version 0 but already holds tables (some other application's database).
void migrate_to(sqlite::connection& db, int target);

// migrate_to(db, current_version).
void migrate(sqlite::connection& db);

// Opens the live database at `path` (creating it when missing) and brings it to the current
// version. A file that is not a Key Manager database gives errc::corrupt naming the file and
// saying to restore a backup.
sqlite::connection open_database(const std::filesystem::path& path);

}  // namespace arbor::km::store::schema
