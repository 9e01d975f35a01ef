#include "workflows/export_users.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "ca/revocation_reason.hpp"
#include "common/failpoint.hpp"
#include "common/km_error.hpp"
#include "store/audit_log.hpp"
#include "store/backup.hpp"
#include "store/export_journal.hpp"
#include "store/key_history.hpp"
#include "store/sqlite.hpp"
#include "store/transfer_lock.hpp"
#include "store/transfers.hpp"
#include "store/user_selection.hpp"
#include "store/users.hpp"
#include "workflows/ca_settings.hpp"
#include "workflows/earlier_exports.hpp"
#include "workflows/pending_retry.hpp"
#include "workflows/unusable_settings.hpp"
#include "workflows/exported_user.hpp"
#include "common/ordered_workers.hpp"
#include "transfer/encoded_user.hpp"
#include "transfer/transfer_writer.hpp"

namespace arbor::km::workflows {
namespace {

// What the file holds, as the transaction must find it again.
struct written_file {
  transfer::trailer_facts trailer;
  store::journal_entry journal;
  std::int64_t users_without_keys = 0;
  std::vector<std::string> aliases_without_keys;
};

[[noreturn]] void throw_cancelled(const std::filesystem::path& backup) {
  throw error(errc::cancelled, "Export cancelled: no file was written and no user was removed. The backup taken "
                               "at the start stays in " + backup.string() + ".");
}

// Users read together and handed to a worker thread, which opens their keys and encodes them.
struct user_batch {
  std::vector<store::user_record> users;
  std::vector<std::vector<store::key_entry>> histories;
};

// About 1 MiB of keys and certificates a batch: enough to make a thread worth its start.
constexpr std::size_t users_per_batch = 200;

std::vector<transfer::encoded_user> encoded(const user_batch& batch, const opened_vault& keys) {
  std::vector<transfer::encoded_user> lines;
  lines.reserve(batch.users.size());
  for (std::size_t i = 0; i < batch.users.size(); ++i) {
    lines.emplace_back(exported_user(batch.users[i], batch.histories[i], keys));
  }
  return lines;
}

// Step 3: every selected user with a key history goes into the file with the whole history;
// users without one are only counted. Opening the keys (an X25519 agreement each, for keys
// sealed at enrollment) and encoding them is most of an export's work, so batches of users are
// opened and encoded on as many threads as there are cores, while this thread, which owns the
// SQLite connection, reads the next batch and writes the finished ones in order.
// The writer removes its temporary file on any throw. The complete file's digest goes into the
// journal before the file is linked into place, so a file found under its final name after a
// crash is always one the journal can recognise.
written_file write_file(key_manager& kms, const opened_vault& keys, const export_request& request,
                        std::int64_t selected_count,
                        const store::export_intent& intent,
                        const std::filesystem::path& backup, progress& observer) {
  const auto clock = [&kms] { return kms.clock().now(); };
  transfer::transfer_writer writer(request.file.path(), keys.identity(), request.destination.get().certificate(),
                                   intent.transfer_id, clock);
  written_file written;
  written.journal.intent = intent;
  store::key_history_repository history(kms.db());
  const auto write = [&writer](std::vector<transfer::encoded_user>& lines) {
    for (const auto& line : lines) writer.add_user(line);
  };
  ordered_workers<user_batch, std::vector<transfer::encoded_user>> workers(
      [&keys](user_batch& batch) { return encoded(batch, keys); }, std::max(2U, std::thread::hardware_concurrency()));
  user_batch batch;
  observer.phase("Writing the export file", static_cast<std::uint64_t>(selected_count));
  store::user_repository(kms.db()).for_each_in(store::user_selection::table, [&](const store::user_record& user) {
    if (observer.cancelled()) throw_cancelled(backup);
    auto history_keys = history.list_for_user(user.user_id);
    if (history_keys.empty()) {
      ++written.users_without_keys;
      if (written.aliases_without_keys.size() < detail_limit) written.aliases_without_keys.push_back(user.alias);
    } else {
      batch.users.push_back(user);
      batch.histories.push_back(std::move(history_keys));
      if (batch.users.size() == users_per_batch) workers.submit(std::exchange(batch, {}), write);
    }
    observer.step(user.alias);
  });
  if (!batch.users.empty()) workers.submit(std::move(batch), write);
  workers.drain(write);
  if (observer.cancelled()) throw_cancelled(backup);  // the last moment nothing has changed
  written.trailer = writer.finish([&](const transfer::trailer_facts& trailer, const std::string& file_sha256) {
    written.journal.file = {file_sha256, trailer.users, trailer.keys};
    store::export_journal(kms.db()).file_written(intent.transfer_id, written.journal.file);
    failpoint("export-file-recorded");
  });
  return written;
}

// Before a refused removal: the file this export placed goes, nothing else changed.
void remove_written_file(const std::filesystem::path& path) noexcept {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

// Refuses to commit when the database no longer matches the file: a user removed, or a key
// added, while the file was written. Removing users then would lose a key; keeping them and
// deleting the file loses nothing.
void check_matches_file(const store::selection_counts& found, std::int64_t selected_count, const written_file& file,
                        const std::filesystem::path& path) {
  if (found.users == selected_count && found.users_with_keys == file.trailer.users && found.keys == file.trailer.keys)
    return;
  remove_written_file(path);
  throw error(errc::conflict,
              "Users or keys changed while the export file was written, so no user was removed and the file was "
              "deleted. Run Export Users again.",
              "file: " + std::to_string(file.trailer.users) + " users, " + std::to_string(file.trailer.keys) +
                  " keys; database: " + std::to_string(found.users_with_keys) + " users with keys of " +
                  std::to_string(found.users) + " (selected " + std::to_string(selected_count) + "), " +
                  std::to_string(found.keys) + " keys");
}

[[noreturn]] void refuse_users_added(const std::filesystem::path& path) {
  remove_written_file(path);
  throw error(errc::conflict,
              "Users were added while the export file of every user was written, so no user was removed and the "
              "file was deleted. Run Export Users again.");
}

std::string audit_detail(const written_file& file, const std::string& file_path) {
  return "transfer " + file.trailer.transfer_id + ": " + std::to_string(file.trailer.users) + " users (" +
         std::to_string(file.trailer.keys) + " keys) exported to " + file.journal.intent.peer_sha256 +
         " in " + file_path + "; " + std::to_string(file.users_without_keys) +
         " users without key history removed";
}

// Debian's SQLite zeroes deleted content (secure_delete=ON), including every page a deletion frees,
// which are then written once more: in a bulk removal that tripled the cost of the transaction
// (bench/export). FAST still zeroes deleted rows on every page SQLite writes anyway; only whole
// freed pages keep their bytes until reused. What those pages held is sealed (keys), public
// (certificates) or already in the backup taken before the export and in the export file.
class fast_secure_delete {
 public:
  explicit fast_secure_delete(store::sqlite::connection& db) : db_(db), previous_(mode(db)) {
    db_.exec("PRAGMA secure_delete=FAST");
  }
  ~fast_secure_delete() {
    try {
      db_.exec("PRAGMA secure_delete=" + std::to_string(previous_));
    } catch (const error&) {
      // The connection keeps FAST: a setting of this connection only, never a lost change.
    }
  }
  fast_secure_delete(const fast_secure_delete&) = delete;
  fast_secure_delete& operator=(const fast_secure_delete&) = delete;

 private:
  static std::int64_t mode(store::sqlite::connection& db) {
    auto query = db.prepare("PRAGMA secure_delete");
    query.step();
    return query.column_int64(0);
  }
  store::sqlite::connection& db_;
  std::int64_t previous_;
};

// Step 4, the point of no return: one transaction queues the selected users' valid certificates
// for revocation (the users are marked pending in the selection), removes the users, records the
// transfer, audits it and clears the journal entry (store::complete_export). Set-based statements,
// not one per user: this is the part of an export that grows with the database. Returns how many
// certificates were queued.
std::int64_t remove_and_queue(key_manager& kms, store::user_selection& selected, std::int64_t selected_count,
                              const written_file& file, const std::filesystem::path& path, progress& observer) {
  auto& db = kms.db();
  const fast_secure_delete fast(db);
  // An export of every user (a server handed over whole) empties the tables instead of deleting
  // row by row; that needs foreign keys off, which SQLite takes only outside a transaction, and
  // a check inside it that nobody was added meanwhile, who would go too.
  const bool everyone = selected.covers_every_user();
  const store::sqlite::foreign_keys_off whole_tables(db, everyone);
  observer.phase("Removing the exported users from this server", 1);
  store::sqlite::transaction tx(db);
  check_matches_file(selected.counts(), selected_count, file, path);
  if (everyone && !selected.covers_every_user()) refuse_users_added(path);
  const std::int64_t queued =
      store::complete_export(db, file.journal, selected, kms.clock().now(), audit_detail(file, path.string()));
  failpoint("export-mid-transaction");
  tx.commit();
  observer.step("users removed");
  return queued;
}

// Certificate Services with the crash point tests use to kill an export after the CA answered
// but before the queue records the answers.
class failpoint_services final : public ca::certificate_services {
 public:
  explicit failpoint_services(ca::certificate_services& inner) : inner_(inner) {}

  crypto::certificate enroll(const std::string& csr_pem, const ca::enroll_request& request) override {
    return inner_.enroll(csr_pem, request);
  }
  ca::revoke_result revoke(const ca::revocation& request) override { return inner_.revoke(request); }
  std::vector<ca::revoke_result> revoke_all(const std::vector<ca::revocation>& requests) override {
    auto answers = inner_.revoke_all(requests);
    failpoint("export-during-revocation");
    return answers;
  }

 private:
  ca::certificate_services& inner_;
};

// Retries, in bounded batches, the queued revocations of the users in `exported` (entries other
// tasks queued for other users are left to Retry Pending Revocations), then marks in `exported`
// exactly the users with a certificate still queued. `ca` null: nothing is sent, and the
// `queued` certificates stay pending with `not_configured` as the reason. Throws only when
// recording the CA's answers fails; the queue keeps every entry not yet confirmed.
revocation_tally revoke_exported(store::sqlite::connection& db, ca::certificate_services* ca,
                                 const std::string& not_configured, store::user_selection& exported, std::int64_t queued,
                                 std::chrono::sys_seconds now) {
  revocation_tally tally;
  if (ca == nullptr) {
    tally.pending = queued;
    if (queued != 0) tally.reason = not_configured;
  } else {
    failpoint_services services(*ca);
    workflows::retry_pending_revocations(
        db, services, now, [&](const store::pending_revocation& item) { return exported.contains(item.user_id); },
        [&](const workflows::retried_revocation& outcome) {
          if (outcome.confirmed()) {
            ++tally.confirmed;
            return;
          }
          ++tally.pending;
          if (tally.reason.empty()) tally.reason = outcome.failure->what();
        });
  }
  tally.users_pending = exported.pending_count();
  tally.aliases_pending = exported.pending_aliases(detail_limit);
  return tally;
}

// Step 5. The users are gone whatever happens here, so a database error while recording the
// CA's answers is reported in the tally rather than thrown: the queue still holds every
// revocation the CA did not confirm, for Retry Pending Revocations.
revocation_tally revoke(key_manager& kms, const revocation_target& ca, store::user_selection& exported, std::int64_t queued,
                        progress& observer) {
  observer.phase("Revoking certificates at Certificate Services", 1);
  revocation_tally tally;
  try {
    tally = revoke_exported(kms.db(), ca.services, ca.not_configured, exported, queued, kms.clock().now());
    tally.ca_unset = ca.services == nullptr && ca.ca_unset && tally.pending != 0;
  } catch (const error& e) {
    // Counted as if nothing was sent: what the CA confirmed before the error is retried later.
    tally = revoke_exported(kms.db(), nullptr, std::string("recording the revocations failed: ") + e.what(), exported,
                            queued, kms.clock().now());
  }
  observer.step("done");
  store::audit_log(kms.db()).append(
      {0, kms.clock().now(), "system", "exported-certificates-revoked",
       tally.pending == 0 ? store::audit_outcome::success : store::audit_outcome::failure,
       std::to_string(tally.confirmed) + " certificates revoked, " + std::to_string(tally.pending) +
           " still queued" + (tally.reason.empty() ? std::string{} : " (" + tally.reason + ")")});
  return tally;
}

// An export that fails before its removal transaction commits leaves nothing behind: the file it
// placed (if any; never one it did not write) is deleted, then its journal entry. When either
// step fails the entry stays, and the next open of the Key Manager resolves it.
void abandon(store::sqlite::connection& db, const std::string& transfer_id, const std::filesystem::path& placed) noexcept {
  try {
    std::error_code ec;
    if (!placed.empty() && !std::filesystem::remove(placed, ec) && ec) return;
    store::export_journal(db).undo(transfer_id);
  } catch (const error&) {
    // Left for the resolution at the next open.
  }
}


// The workflow itself; export_users() adds the audit of a failure.
export_result run_export(key_manager& kms, const opened_vault& keys, const export_request& request,
                         const revocation_target& ca, progress& observer) {
  // The request's types were checked for a Key Manager, a directory and a time: this one's, now.
  if (!request.users.is_on(kms.db()))
    throw error(errc::internal, "the user selection was made on another Key Manager's connection");
  request.file.check_in(kms.directory().root());
  request.destination.get().check_at_run(kms.certificate(), kms.clock().now());
  try {
    refuse_earlier_exports(request.users, request.destination.get().sha256_hex(), request.export_again);
  } catch (const earlier_exports_refused& e) {
    throw error(errc::conflict, std::string(e.what()) + ": sending them again takes an explicit choice.");
  }
  const auto lock = store::transfer_lock::acquire(kms.directory().root(), "export", kms.clock().now());

  // Half the import's: the removal's own memory grows with the users it removes, and with 32 MiB a
  // million-user export peaked at 99.4 MiB (bench/export). At 100,000 users 16 MiB costs 2.5 s
  // (16.3 s -> 18.8 s) and saves 16 MiB.
  store::sqlite::use_bulk_page_cache(kms.db(), 16);
  store::user_selection& selected = request.users.table();
  const std::int64_t selected_count = request.users.count();

  failpoint("export-before-backup");
  export_result result;
  result.backup = store::back_up(kms.db(), kms.directory(), kms.clock().now());
  result.transfer_id = transfer::new_transfer_id();
  result.file = request.file.path();

  const store::export_intent intent{result.transfer_id,
                                    request.destination.get().sha256_hex(),
                                    request.file.name(),
                                    request.actor,
                                    std::string(ca::rfc5280_name(ca::revocation_reason::affiliation_changed)),
                                    kms.clock().now()};
  store::export_journal(kms.db()).begin(intent);
  failpoint("export-after-journal");

  written_file file;
  bool placed = false;
  std::int64_t queued = 0;
  try {
    file = write_file(kms, keys, request, selected_count, intent, result.backup, observer);
    placed = true;
    failpoint("export-after-file");
    queued = remove_and_queue(kms, selected, selected_count, file, result.file, observer);
  } catch (...) {
    abandon(kms.db(), intent.transfer_id, placed ? result.file : std::filesystem::path());
    throw;
  }

  result.users_exported = file.trailer.users;
  result.keys_exported = file.trailer.keys;
  result.users_without_keys = file.users_without_keys;
  result.aliases_without_keys = file.aliases_without_keys;
  result.revocation = revoke(kms, ca, selected, queued, observer);
  return result;
}

void append_failure(key_manager& kms, std::string_view actor, std::string_view event, std::string_view detail) {
  store::audit_log(kms.db()).append({0, kms.clock().now(), std::string(actor), std::string(event),
                                     store::audit_outcome::failure, std::string(detail)});
}

std::chrono::sys_seconds now_of(const key_manager& kms) { return kms.clock().now(); }

}  // namespace

export_result export_users(key_manager& kms, const opened_vault& keys, const export_request& request,
                           const revocation_target& ca, progress& progress) {
  try {
    return run_export(kms, keys, request, ca, progress);
  } catch (const error& e) {
    audit_export_failed(kms, request.actor, e.what());
    throw;
  }
}

export_result export_users(key_manager& kms, const opened_vault& keys, const export_request& request,
                           progress& progress) {
  revocation_target target;
  std::unique_ptr<ca::certificate_services> services;
  try {
    services = open_certificate_services(kms.db());
    target.services = services.get();
  } catch (const unusable_settings& e) {
    target.not_configured = e.what();
    target.ca_unset = true;
  } catch (const error& e) {
    target.not_configured = e.what();
  }
  return export_users(kms, keys, request, target, progress);
}

destination check_destination(key_manager& kms, const std::filesystem::path& path, std::string_view actor) {
  try {
    return destination(path, kms.certificate(), now_of(kms));
  } catch (const error& e) {
    append_failure(kms, actor, "users-export-refused", "destination " + path.string() + ": " + e.what());
    throw;
  }
}

confirmed_destination confirm_destination(key_manager& kms, destination& checked, std::string_view typed,
                                          std::string_view actor) {
  try {
    return confirmed_destination(checked, typed);
  } catch (const error& e) {
    append_failure(kms, actor, "users-export-refused", "destination " + checked.path().string() + ": " + e.what());
    throw;
  }
}

void audit_export_failed(key_manager& kms, std::string_view actor, std::string_view detail) {
  append_failure(kms, actor, "users-export-failed", detail);
}

std::int64_t user_count(key_manager& kms) { return store::user_repository(kms.db()).count(); }

std::vector<std::string> user_aliases(key_manager& kms, std::int64_t limit) {
  std::vector<std::string> aliases;
  for (const auto& user : store::user_repository(kms.db()).list({0, limit})) aliases.push_back(user.alias);
  return aliases;
}

bool certificate_services_configured(key_manager& kms) { return !read_ca_settings(kms.db()).base_url.empty(); }

}  // namespace arbor::km::workflows
