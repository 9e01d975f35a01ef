#pragma once
// Backups of kms.db taken while it stays in use (SQLite's online backup API), and restoring one.
// A backup holds sealed keys only, never a private key in clear: it is safe to keep, but it is
// still written 0600 inside the private data directory.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "store/data_directory.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::store {

// Copies the live database to backups/kms-YYYYMMDDTHHMMSSZ.db (a "-2", "-3" ... suffix when that
// name is taken) and returns the path. The copy is a standalone rollback-journal file, written
// under a temporary name, fsynced, then linked into place, so a crash never leaves a partial
// backup under a backup's name.
std::filesystem::path back_up(sqlite::connection& live, const data_directory& dir,
                              std::int64_t now);

// The *.db files in backups/, newest first.
std::vector<std::filesystem::path> list_backups(const data_directory& dir);

// What restore() did.
struct restore_result {
  std::filesystem::path pre_restore_copy;  // the database as it was just before the restore
  int backup_version = 0;                  // the schema version the backup was taken at
};

// Replaces the content of the live database with `backup`. The backup is checked first
// (integrity, a schema version this code understands, the tables that version must have): a
// file that fails gives errc::corrupt or errc::bad_input and changes nothing. The live database
// is then copied to backups/pre-restore-<time>.db, the backup is copied in, and a backup from an
// older schema is migrated to the current one. The caller audits the restore afterwards, since
// the audit log itself is replaced.
restore_result restore(sqlite::connection& live, const data_directory& dir,
                       const std::filesystem::path& backup, std::int64_t now);

}  // namespace arbor::km::store
