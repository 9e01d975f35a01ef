#include "instance/interrupted_exports.hpp"

#include <optional>

#include "common/km_error.hpp"
#include "common/staged_file.hpp"
#include "crypto/file_digest.hpp"
#include "store/audit_log.hpp"
#include "store/export_journal.hpp"
#include "store/transfer_lock.hpp"
#include "store/user_selection.hpp"

namespace arbor::km {
namespace {

namespace fs = std::filesystem;

// The temporary files the export's writer may have left (common/staged_file). Names only:
// nothing is opened.
void remove_temporaries(const fs::path& root, const std::string& file_name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (is_staged_temporary(entry.path().filename().string(), file_name)) fs::remove(entry.path(), ec);
}

// Whether a file holds exactly the bytes the export completed.
enum class match {
  same = 1,    // its digest is the one recorded
  other,       // missing, different, or not a regular file
  unreadable,  // there but could not be read now: decide at a later open
};

match compare(const store::journal_entry& entry, const fs::path& file) {
  try {
    return crypto::sha256_of_file(file) == entry.file.file_sha256 ? match::same : match::other;
  } catch (const error& e) {
    return e.code() == errc::io ? match::unreadable : match::other;
  }
}

// The journal records the digest only once the file is on disk under its temporary name, and the
// writer links it into place after that. So with the digest recorded, a temporary that still has
// it means the link never happened (or did not survive a power cut); without one, the file was
// placed, and whatever is under its name now, it went somewhere with its users.
match temporary_still_there(const store::journal_entry& entry, const fs::path& root) {
  std::error_code ec;
  for (const auto& candidate : fs::directory_iterator(root, ec)) {
    if (!is_staged_temporary(candidate.path().filename().string(), entry.intent.file_name)) continue;
    if (const match m = compare(entry, candidate.path()); m != match::other) return m;
  }
  return match::other;
}

std::string describe(const store::journal_entry& entry) {
  return "transfer " + entry.intent.transfer_id + " to " + entry.intent.file_name;
}

// The export's own removal transaction, run now. Nothing is removed when the selected users no
// longer match what the file holds (a key added since would be lost).
std::optional<resolved_export> roll_forward(store::sqlite::connection& db, const store::journal_entry& entry,
                                            bool file_here, std::chrono::sys_seconds now) {
  store::user_selection selected(db);
  const std::int64_t recorded = store::export_journal(db).select_users(entry.intent.transfer_id, selected);
  store::sqlite::transaction tx(db);
  const auto found = selected.counts();
  if (found.users != recorded || found.users_with_keys != entry.file.users || found.keys != entry.file.keys)
    return std::nullopt;
  const std::string note =
      "The export " + describe(entry) + " was interrupted after its file was complete" +
      (file_here ? "" : " and placed (it has since been moved or replaced; the backup taken before the export also "
                        "holds the users)") +
      "; it was finished now: " + std::to_string(entry.file.users) + " users (" + std::to_string(entry.file.keys) +
      " keys) removed, their certificates queued for revocation (run Retry Pending Revocations).";
  store::complete_export(db, entry, selected, now, note);
  store::audit_log(db).append(
      {0, now, "system", std::string(interrupted_export_event), store::audit_outcome::success, note});
  tx.commit();
  return resolved_export{entry.intent.transfer_id, entry.intent.file_name, true, note};
}

// The export is undone: its users stay. `what_became_of_the_file` ends the operator's note.
resolved_export discard(store::sqlite::connection& db, const store::journal_entry& entry,
                        const std::string& what_became_of_the_file, std::chrono::sys_seconds now) {
  const std::string note = "The export " + describe(entry) + " was interrupted before it removed any user; all its "
                           "users are still on this server and " + what_became_of_the_file;
  store::sqlite::transaction tx(db);
  store::export_journal(db).undo(entry.intent.transfer_id);
  store::audit_log(db).append(
      {0, now, "system", std::string(interrupted_export_event), store::audit_outcome::failure, note});
  tx.commit();
  return {entry.intent.transfer_id, entry.intent.file_name, false, note};
}

void delete_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::remove(file, ec) && ec)
    throw error(errc::io, "could not delete " + file.string() + ", the file of an interrupted export: " + ec.message() +
                              ". Delete it by hand; its users are still on this server.");
}

// One entry; nothing when it must wait for a later open.
std::optional<resolved_export> resolve(store::sqlite::connection& db, const store::journal_entry& entry,
                                       const fs::path& root, std::chrono::sys_seconds now) {
  if (!entry.file_complete()) {
    remove_temporaries(root, entry.intent.file_name);
    return discard(db, entry, "its unfinished file was deleted.", now);
  }
  const fs::path file = root / entry.intent.file_name;
  const match placed = compare(entry, file);
  if (placed == match::unreadable) return std::nullopt;
  if (placed == match::other) {
    const match unplaced = temporary_still_there(entry, root);
    if (unplaced == match::unreadable) return std::nullopt;
    if (unplaced == match::same) {
      remove_temporaries(root, entry.intent.file_name);
      return discard(db, entry, "its file, never placed under its name, was deleted.", now);
    }
  }
  remove_temporaries(root, entry.intent.file_name);
  if (auto done = roll_forward(db, entry, placed == match::same, now)) return done;
  if (placed != match::same)
    return discard(db, entry, "its file is no longer here: if you find " + entry.intent.file_name +
                                  " elsewhere, delete it, do not import it.", now);
  delete_file(file);
  return discard(db, entry, "its file was deleted (the users changed since it was written).", now);
}

}  // namespace

std::vector<resolved_export> resolve_interrupted_exports(store::sqlite::connection& db, const store::data_directory& dir,
                                                         std::chrono::sys_seconds now) {
  std::vector<resolved_export> resolved;
  store::export_journal journal(db);
  if (journal.entries().empty()) return resolved;
  std::optional<store::transfer_lock> lock;
  try {
    lock.emplace(store::transfer_lock::acquire(dir.root(), "resolving an interrupted export", now));
  } catch (const error& e) {
    if (e.code() == errc::conflict) return resolved;  // an export or import is running: maybe this one
    throw;
  }
  for (const auto& entry : journal.entries())  // as they are now that nobody else can change them
    if (auto done = resolve(db, entry, dir.root(), now)) resolved.push_back(std::move(*done));
  return resolved;
}

}  // namespace arbor::km
