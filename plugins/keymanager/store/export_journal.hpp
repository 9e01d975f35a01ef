#pragma once
// The export journal: what an export is about to do, written before its file, so that a crash
// between placing the file and removing the users never leaves both (a complete, importable file
// and every user still here, ready to be exported a second time). The export records its intent
// and selection first, then the digest of the complete, flushed file before linking it into
// place, and removes the entry in the transaction that removes the users. An entry still here
// when the Key Manager opens belongs to a process that died: server/interrupted_exports.hpp
// resolves it.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"
#include "store/user_selection.hpp"

namespace arbor::km::store {

// The journal's table. A restore leaves it empty: an entry in a backup describes an export that
// was running when the backup was taken, and the live database has resolved it since.
inline constexpr std::string_view export_journal_table = "export_journal";

// What an export is about to do, recorded before its file is written.
struct export_intent {
  std::string transfer_id;
  std::string peer_sha256;  // the destination certificate's SHA-256 (lowercase hex)
  std::string file_name;    // a plain name in the KMSData directory
  std::string actor;        // the administrators, as the audit log names them
  std::string reason;       // the RFC 5280 revocation reason the certificates are queued with
  std::chrono::sys_seconds started_at{};
};

// The complete file, flushed but not yet linked into place: its digest and what its trailer says.
struct written_export {
  std::string file_sha256;  // lowercase hex of the whole file
  std::int64_t users = 0;   // users with keys, in the file
  std::int64_t keys = 0;
};

// One journal entry; `file` is empty until the file is complete.
struct journal_entry {
  export_intent intent;
  written_export file;
  bool file_complete() const noexcept { return !file.file_sha256.empty(); }
};

class export_journal {
 public:
  explicit export_journal(sqlite::connection& db) : db_(db) {}

  // Records `intent` and every user of the connection's user_selection (which must exist) in
  // transfer_users, those with keys as going into the file; committed before this returns.
  void begin(const export_intent& intent);
  // Records that the file is complete (committed before this returns).
  void file_written(std::string_view transfer_id, const written_export& file);
  // The export completed: the entry goes, its users stay recorded (inside the removal transaction).
  void finish(std::string_view transfer_id);
  // The export is undone: the entry and its users' rows go.
  void undo(std::string_view transfer_id);
  // Every entry left, oldest first.
  std::vector<journal_entry> entries();
  // Adds the entry's users still in the database to `selected`; returns how many it recorded.
  std::int64_t select_users(std::string_view transfer_id, user_selection& selected);

 private:
  sqlite::connection& db_;
};

// Step 4 of an export, for the export itself and for the roll-forward of an interrupted one,
// inside the caller's transaction: queues every still-valid certificate of the selected users for
// revocation with the intent's reason, removes the users, records the transfer, audits `detail`
// as "users-exported" by the intent's actor, and finishes the journal entry (its users, recorded
// when it began, stay as the record of whom the transfer took). Returns how many certificates
// were queued.
std::int64_t complete_export(sqlite::connection& db, const journal_entry& entry, user_selection& selected,
                             std::chrono::sys_seconds now, std::string_view detail);

}  // namespace arbor::km::store
