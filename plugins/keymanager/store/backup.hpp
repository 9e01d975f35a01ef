#pragma once
// Backups of kms.db taken while it stays in use (SQLite's online backup API), and restoring one.
// A backup holds sealed keys only, never a private key in clear: it is safe to keep, but it is
// still written 0600 inside the private data directory.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "store/data_directory.hpp"
#include "store/sqlite.hpp"
#include "store/transfers.hpp"

namespace arbor::km::store {

// Copies the live database to backups/kms-YYYYMMDDTHHMMSSZ.db (a "-2", "-3" ... suffix when that
// name is taken) and returns the path. The copy is a standalone rollback-journal file, written
// under a temporary name, fsynced, then linked into place, so a crash never leaves a partial
// backup under a backup's name.
std::filesystem::path back_up(sqlite::connection& live, const data_directory& dir,
                              std::chrono::sys_seconds now);

// The *.db files in backups/, newest first.
std::vector<std::filesystem::path> list_backups(const data_directory& dir);

// An export the live database recorded and the backup did not: the backup was taken before it.
struct returned_export {
  transfer_record transfer;
  std::int64_t users_back = 0;       // users it took that the restored database holds again
  std::vector<std::string> aliases;  // at most aliases_named of them, by alias

  static constexpr std::int64_t aliases_named = 20;
};

// What restore() did.
struct restore_result {
  std::filesystem::path pre_restore_copy;  // the database as it was just before the restore
  int backup_version = 0;                  // the schema version the backup was taken at
  std::vector<returned_export> returned;   // oldest first
};

// Checks the rows of a restored database that the store cannot judge (sealed keys opening under
// this server's keys); throws km::error naming what is wrong.
using rows_check = std::function<void(sqlite::connection& restored)>;

// Replaces the content of the live database with the rows of `backup`. The backup's schema is
// never taken: a new database is made by this code's own migrations, at the backup's version and
// with the live page size, in a temporary file in backups/, and the backup's rows are copied into
// it table by table. Refused with errc::corrupt, naming the object, and nothing changed: a file
// that is damaged or not SQLite; any table, column, index, trigger or view the product's schema
// at that version does not have, or lacks; rows that break its constraints or foreign keys; and
// whatever `check_rows` throws for the copy (migrated to the current version). errc::bad_input
// for a backup from a newer schema. Only then is the live database copied to
// backups/pre-restore-<time>.db and the checked copy written into the live connection, page by
// page, under SQLite's locks (the live file is never replaced). The caller audits the restore
// afterwards, since the audit log itself is replaced. The exports the live database recorded and
// the backup did not are carried into the restored one with the users they took
// (store::carry_exports) and reported in restore_result::returned.
restore_result restore(sqlite::connection& live, const data_directory& dir,
                       const std::filesystem::path& backup, std::chrono::sys_seconds now, const rows_check& check_rows);

}  // namespace arbor::km::store
