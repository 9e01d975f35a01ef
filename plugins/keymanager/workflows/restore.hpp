#pragma once
// Restore Database: replaces kms.db with a checked backup, keeping what it replaces
// (store/backup.hpp), after proving that the backup is this Key Manager's and that every sealed key
// in it opens with the backup's own vault, opened with the keyslots of who logged in (a backup
// keeps the keyslots and passwords of its time). Audited as "database-restored", succeeded or failed; a success is written into the
// restored audit log, since the backup's replaces the live one.
#include <filesystem>
#include <string>
#include <vector>

#include "instance/key_manager.hpp"
#include "workflows/backup_file.hpp"
#include "workflows/key_opening.hpp"

namespace arbor::km::workflows {

// The backups an operator may pick from.
struct available_backups {
  std::filesystem::path folder;    // backups/
  std::vector<std::string> names;  // file names there, newest first
};

available_backups list_backups(key_manager& kms);

struct restore_request {
  backup_file backup;
  std::string actor;  // who is audited as having restored
  // The keyslots of who logged in (workflows/key_opening.hpp): they open the backup's own vault,
  // with the passwords valid when it was taken.
  std::vector<administrator_key> opening;
  // The site's HSM token and the PIN typed at the login: for a backup whose vault needs the token.
  hsm_login hsm{};
};

struct restore_result {
  std::filesystem::path restored_from;
  std::filesystem::path pre_restore_copy;  // the database as it was just before the restore
  int backup_version = 0;                  // the schema version the backup was taken at
  // One warning for each export the backup predates: the users it took are back here.
  std::vector<std::string> returned_exports;
};

// Refusals as store::restore's; errc::bad_input for a backup from before the upgrade to keyslots
// or of another Key Manager; the refusals of open_vault for the backup's keyslots; errc::crypto
// for a sealed key that does not open. The live database is unchanged then.
restore_result restore(key_manager& kms, const restore_request& request);

}  // namespace arbor::km::workflows
