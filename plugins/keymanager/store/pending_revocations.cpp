#include "store/pending_revocations.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {

std::int64_t revocation_queue::enqueue(const pending_revocation& item) {
  auto insert = db_.prepare(
      "INSERT INTO pending_revocations (serial_decimal, serial_hex, authority_key_id, issuer, "
      "user_alias, user_id, reason, queued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.bind(1, item.serial_decimal).bind(2, item.serial_hex).bind(3, item.authority_key_id);
  insert.bind(4, item.issuer).bind(5, item.user_alias).bind(6, item.user_id);
  insert.bind(7, item.reason).bind(8, item.queued_at);
  insert.run();
  return db_.last_insert_rowid();
}

namespace {

constexpr const char* select_entries =
    "SELECT id, serial_decimal, serial_hex, authority_key_id, issuer, user_alias, user_id, "
    "reason, attempts, last_error, queued_at, last_attempt_at FROM pending_revocations ";

std::vector<pending_revocation> entries_of(sqlite::statement& query) {
  std::vector<pending_revocation> items;
  while (query.step()) {
    items.push_back({query.column_int64(0), query.column_text(1), query.column_text(2),
                     query.column_text(3), query.column_text(4), query.column_text(5),
                     query.column_text(6), query.column_text(7), query.column_int64(8),
                     query.column_text(9), query.column_time(10),
                     query.column_optional_time(11)});
  }
  return items;
}

}  // namespace

std::vector<pending_revocation> revocation_queue::list() {
  auto query = db_.prepare(std::string(select_entries) + "ORDER BY id");
  return entries_of(query);
}

std::vector<pending_revocation> revocation_queue::list_after(std::int64_t after_id, std::size_t limit) {
  auto query = db_.prepare(std::string(select_entries) + "WHERE id > ?1 ORDER BY id LIMIT ?2");
  query.bind(1, after_id).bind(2, static_cast<std::int64_t>(limit));
  return entries_of(query);
}

std::int64_t revocation_queue::count() {
  auto query = db_.prepare("SELECT count(*) FROM pending_revocations");
  query.step();
  return query.column_int64(0);
}

void revocation_queue::record_attempt(std::int64_t id, std::string_view error_text,
                                      std::chrono::sys_seconds now) {
  auto update = db_.prepare(
      "UPDATE pending_revocations SET attempts = attempts + 1, last_error = ?1, "
      "last_attempt_at = ?2 WHERE id = ?3");
  update.bind(1, error_text).bind(2, now).bind(3, id).run();
}

bool revocation_queue::remove(std::int64_t id) {
  auto remove = db_.prepare("DELETE FROM pending_revocations WHERE id = ?1");
  remove.bind(1, id).run();
  return db_.changes() > 0;
}

}  // namespace arbor::km::store
