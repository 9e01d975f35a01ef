#include "store/export_journal.hpp"

#include "common/km_error.hpp"
#include "store/audit_log.hpp"
#include "store/transfers.hpp"

namespace arbor::km::store {

void export_journal::begin(const export_intent& intent) {
  sqlite::transaction tx(db_);
  auto insert = db_.prepare(
      "INSERT INTO export_journal (transfer_id, peer_sha256, file_name, actor, reason, started_at, state) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'writing')");
  insert.bind(1, intent.transfer_id).bind(2, intent.peer_sha256).bind(3, intent.file_name);
  insert.bind(4, intent.actor).bind(5, intent.reason).bind(6, intent.started_at);
  insert.run();
  auto users = db_.prepare("INSERT INTO transfer_users (transfer_id, user_id, in_file) SELECT ?1, s.user_id, "
                           "EXISTS (SELECT 1 FROM key_history k WHERE k.user_id = s.user_id) FROM " +
                           std::string(user_selection::table) + " s");
  users.bind(1, intent.transfer_id).run();
  tx.commit();
}

void export_journal::file_written(std::string_view transfer_id, const written_export& file) {
  auto update = db_.prepare(
      "UPDATE export_journal SET state = 'written', file_sha256 = ?2, users = ?3, keys = ?4 WHERE transfer_id = ?1");
  update.bind(1, transfer_id).bind(2, file.file_sha256).bind(3, file.users).bind(4, file.keys);
  update.run();
  if (db_.changes() != 1)
    throw error(errc::internal, "the export journal lost the entry of a running export",
                "transfer " + std::string(transfer_id));
}

void export_journal::finish(std::string_view transfer_id) {
  db_.prepare("DELETE FROM export_journal WHERE transfer_id = ?1").bind(1, transfer_id).run();
}

void export_journal::undo(std::string_view transfer_id) {
  sqlite::transaction tx(db_, sqlite::transaction::inner::join);
  db_.prepare("DELETE FROM transfer_users WHERE transfer_id = ?1").bind(1, transfer_id).run();
  finish(transfer_id);
  tx.commit();
}

std::vector<journal_entry> export_journal::entries() {
  auto query = db_.prepare(
      "SELECT transfer_id, peer_sha256, file_name, actor, reason, started_at, file_sha256, users, keys "
      "FROM export_journal ORDER BY started_at, transfer_id");
  std::vector<journal_entry> found;
  while (query.step()) {
    found.push_back({{query.column_text(0), query.column_text(1), query.column_text(2), query.column_text(3),
                      query.column_text(4), query.column_time(5)},
                     {query.column_text(6), query.column_int64(7), query.column_int64(8)}});
  }
  return found;
}

std::int64_t export_journal::select_users(std::string_view transfer_id, user_selection& selected) {
  auto query = db_.prepare(
      "SELECT x.user_id, u.alias FROM transfer_users x LEFT JOIN users u ON u.user_id = x.user_id "
      "WHERE x.transfer_id = ?1");
  query.bind(1, transfer_id);
  std::int64_t recorded = 0;
  while (query.step()) {
    ++recorded;
    if (!query.is_null(1)) selected.add(query.column_text(0), query.column_text(1));
  }
  return recorded;
}

std::int64_t complete_export(sqlite::connection& db, const journal_entry& entry, user_selection& selected,
                             std::chrono::sys_seconds now, std::string_view detail) {
  const std::int64_t queued = selected.queue_valid_keys_for_revocation(entry.intent.reason, now);
  transfer_log(db).record({entry.intent.transfer_id, transfer_direction::export_users, entry.intent.peer_sha256,
                           entry.intent.file_name, now, entry.file.users, entry.file.keys});
  selected.remove_users();
  audit_log(db).append({0, now, entry.intent.actor, "users-exported", audit_outcome::success, std::string(detail)});
  export_journal(db).finish(entry.intent.transfer_id);
  return queued;
}

}  // namespace arbor::km::store
