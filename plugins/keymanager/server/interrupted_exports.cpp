#include "server/interrupted_exports.hpp"

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

// What is under the export's name.
enum class found_file {
  completed = 1,  // the file the export completed: its digest is the one recorded
  other,          // nothing, or not that file (incomplete, replaced, not a regular file)
  unreadable,     // there but could not be read now: decide at a later open
};

found_file look_at(const store::journal_entry& entry, const fs::path& file) {
  if (!entry.file_complete()) return found_file::other;
  try {
    return crypto::sha256_of_file(file) == entry.file.file_sha256 ? found_file::completed : found_file::other;
  } catch (const error& e) {
    return e.code() == errc::io ? found_file::unreadable : found_file::other;
  }
}

std::string describe(const store::journal_entry& entry) {
  return "transfer " + entry.intent.transfer_id + " to " + entry.intent.file_name;
}

// The export's own removal transaction, run now. Nothing is removed when the selected users no
// longer match what the file holds (a key added since would be lost): then the file goes instead.
std::optional<resolved_export> roll_forward(store::sqlite::connection& db, const store::journal_entry& entry,
                                            std::int64_t now) {
  store::user_selection selected(db);
  store::export_journal(db).select_users(entry.intent.transfer_id, selected);
  store::sqlite::transaction tx(db);
  const auto found = selected.counts();
  if (found.users != selected.size() || found.users_with_keys != entry.file.users || found.keys != entry.file.keys)
    return std::nullopt;
  const std::string note = "The export " + describe(entry) + " was interrupted after its file was complete; it was "
                           "finished now: " + std::to_string(entry.file.users) + " users (" +
                           std::to_string(entry.file.keys) + " keys) removed, their certificates queued for "
                           "revocation (run Retry Pending Revocations).";
  store::complete_export(db, entry, selected, now, note);
  store::audit_log(db).append(
      {0, now, "system", std::string(interrupted_export_event), store::audit_outcome::success, note});
  tx.commit();
  return resolved_export{entry.intent.transfer_id, entry.intent.file_name, true, note};
}

resolved_export discard(store::sqlite::connection& db, const store::journal_entry& entry, const fs::path& file,
                        bool delete_file, std::int64_t now) {
  std::error_code ec;
  if (delete_file && !fs::remove(file, ec) && ec)
    throw error(errc::io, "could not delete " + file.string() + ", the file of an interrupted export: " + ec.message() +
                              ". Delete it by hand; its users are still on this server.");
  const std::string note = "The export " + describe(entry) + " was interrupted before it removed any user; " +
                           (delete_file ? "its file was deleted (the users changed since it was written)"
                                        : "its unfinished file was deleted") +
                           " and all its users are still on this server.";
  store::sqlite::transaction tx(db);
  store::export_journal(db).remove(entry.intent.transfer_id);
  store::audit_log(db).append(
      {0, now, "system", std::string(interrupted_export_event), store::audit_outcome::failure, note});
  tx.commit();
  return {entry.intent.transfer_id, entry.intent.file_name, false, note};
}

}  // namespace

std::vector<resolved_export> resolve_interrupted_exports(store::sqlite::connection& db, const store::data_directory& dir,
                                                         std::int64_t now) {
  std::vector<resolved_export> resolved;
  store::export_journal journal(db);
  auto entries = journal.entries();
  if (entries.empty()) return resolved;
  std::optional<store::transfer_lock> lock;
  try {
    lock.emplace(store::transfer_lock::acquire(dir.root(), "resolving an interrupted export", now));
  } catch (const error& e) {
    if (e.code() == errc::conflict) return resolved;  // an export or import is running: maybe this one
    throw;
  }
  entries = journal.entries();  // as they are now that nobody else can change them
  for (const auto& entry : entries) {
    const fs::path file = dir.root() / entry.intent.file_name;
    const found_file found = look_at(entry, file);
    if (found == found_file::unreadable) continue;  // the entry stays: its file might be complete
    remove_temporaries(dir.root(), entry.intent.file_name);
    std::optional<resolved_export> done;
    if (found == found_file::completed) done = roll_forward(db, entry, now);
    resolved.push_back(done ? *done : discard(db, entry, file, found == found_file::completed, now));
  }
  return resolved;
}

}  // namespace arbor::km
