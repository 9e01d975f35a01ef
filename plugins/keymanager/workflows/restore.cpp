#include "workflows/restore.hpp"

#include "common/utc_time.hpp"
#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"
#include "store/backup.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::string_view event = "database-restored";

// "Warning: ..." for an export the backup predates: the users it took are back here.
std::string returned_warning(const store::returned_export& r) {
  std::string who = std::to_string(r.users_back) + " of the " + std::to_string(r.transfer.users) + " users it took";
  if (!r.aliases.empty()) {
    who += " (";
    for (std::size_t i = 0; i < r.aliases.size(); ++i) who += (i == 0 ? "" : ", ") + r.aliases[i];
    who += r.users_back > static_cast<std::int64_t>(r.aliases.size()) ? ", ...)" : ")";
  }
  return "Warning: this backup was taken before export " + r.transfer.transfer_id + " of " +
         utc_text(r.transfer.at) + " (file " + r.transfer.file_name + "); " + who +
         " are back on this server. Exporting them again to the same server needs an explicit choice.";
}

// The backup's own vault, opened with the keyslots it holds for the administrators who logged in
// (a backup keeps the keyslots and passwords of its time) and the HSM token if it was bound to one,
// must be this Key Manager's, and must open every key in it.
void check_backup_keys(key_manager& kms, const restore_request& request, store::sqlite::connection& copy) {
  km::vault backup(copy);
  if (!backup.exists())
    throw error(errc::bad_input,
                "This backup was taken before the upgrade to keyslots: its keys open only with the old master.key. "
                "Choose a backup taken since.");
  if (!(backup.escrow_public_key() == kms.escrow_public_key()))
    throw error(errc::bad_input, "This backup belongs to another Key Manager: it was not restored.");
  km::check_sealed_keys(open_vault(backup, request.opening, request.hsm), copy);
}

restore_result run_restore(key_manager& kms, const restore_request& request) {
  const auto& file = request.backup.path();
  const auto restored = store::restore(kms.db(), kms.directory(), file, kms.clock().now(),
                                       [&](store::sqlite::connection& copy) { check_backup_keys(kms, request, copy); });
  restore_result result{file, restored.pre_restore_copy, restored.backup_version, {}};
  for (const auto& r : restored.returned) result.returned_exports.push_back(returned_warning(r));
  std::string detail = file.string() + " (previous database kept as " + result.pre_restore_copy.string() + ")";
  for (const auto& w : result.returned_exports) detail += "; " + w;
  record_audit(kms, request.actor, event, detail, audit_outcome::success);
  return result;
}

}  // namespace

available_backups list_backups(key_manager& kms) {
  available_backups found{kms.directory().backups(), {}};
  for (const auto& b : store::list_backups(kms.directory())) found.names.push_back(b.filename().string());
  return found;
}

restore_result restore(key_manager& kms, const restore_request& request) {
  return failure_audited(kms, request.actor, event, request.backup.path().string(),
                          [&] { return run_restore(kms, request); });
}

}  // namespace arbor::km::workflows
