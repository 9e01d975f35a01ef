#include "store/key_history.hpp"

#include "common/km_error.hpp"
#include "store/users.hpp"

namespace arbor::km::store {
namespace {

constexpr std::string_view columns =
    "SELECT key_id, user_id, seq, cert_der, cert_sha256, serial_decimal, serial_hex, issuer, "
    "authority_key_id, not_before, not_after, sealed_key, status, added_at FROM key_history ";

key_entry read_entry(const sqlite::statement& row) {
  key_entry e;
  e.key_id = row.column_text(0);
  e.user_id = row.column_text(1);
  e.seq = row.column_int64(2);
  e.cert_der = row.column_blob(3);
  e.cert_sha256 = row.column_text(4);
  e.serial_decimal = row.column_text(5);
  e.serial_hex = row.column_text(6);
  e.issuer = row.column_text(7);
  e.authority_key_id = row.column_text(8);
  e.not_before = row.column_time(9);
  e.not_after = row.column_time(10);
  e.sealed_key = row.column_blob(11);
  e.status = parse_key_status(row.column_text(12));
  e.added_at = row.column_time(13);
  return e;
}

constexpr std::string_view next_seq_sql = "SELECT coalesce(max(seq), 0) + 1 FROM key_history WHERE user_id = ?1";

constexpr std::string_view insert_sql =
    "INSERT INTO key_history (key_id, user_id, seq, cert_der, cert_sha256, serial_decimal, "
    "serial_hex, issuer, authority_key_id, not_before, not_after, sealed_key, status, added_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

// Reset once read: a statement left on its row keeps the connection's read transaction open
// after the caller's commit, and then no checkpoint can finish, so the WAL grows for as long as
// the connection lives (9 GB for a third of a million users filled in batches, bench/export).
std::int64_t next_seq(sqlite::statement& query, std::string_view user_id) {
  query.reset();
  query.bind(1, user_id);
  query.step();
  const std::int64_t next = query.column_int64(0);
  query.reset();
  return next;
}

void bind_entry(sqlite::statement& insert, const key_entry& entry, std::int64_t seq) {
  insert.reset();
  insert.bind(1, entry.key_id).bind(2, entry.user_id).bind(3, seq).bind(4, entry.cert_der);
  insert.bind(5, entry.cert_sha256).bind(6, entry.serial_decimal).bind(7, entry.serial_hex);
  insert.bind(8, entry.issuer).bind(9, entry.authority_key_id).bind(10, entry.not_before);
  insert.bind(11, entry.not_after).bind(12, entry.sealed_key).bind(13, to_string(entry.status));
  insert.bind(14, entry.added_at);
}

// Runs a bound insert; a constraint it breaks becomes a message naming the key, or the user when
// the foreign key refused it.
void run_insert(sqlite::connection& db, sqlite::statement& insert, const key_entry& entry) {
  try {
    insert.run();
  } catch (const error& e) {
    if (e.code() != errc::conflict) throw;
    if (!user_repository(db).find_by_id(entry.user_id)) {
      throw error(errc::not_found, "cannot add a key for user " + entry.user_id + ": no such user");
    }
    throw error(errc::conflict,
                "this key is already in a key history (key id " + entry.key_id +
                    ", certificate SHA-256 " + entry.cert_sha256 + ")",
                e.technical());
  }
}

}  // namespace

std::int64_t key_history_repository::append(const key_entry& entry) {
  // Inside a caller's transaction this joins it: the one write below is a single statement, and
  // the seq read before it cannot move while the transaction holds the lock.
  sqlite::transaction tx(db_, sqlite::transaction::inner::join);
  auto query = db_.prepare(next_seq_sql);
  const std::int64_t seq = next_seq(query, entry.user_id);
  auto insert = db_.prepare(insert_sql);
  bind_entry(insert, entry, seq);
  run_insert(db_, insert, entry);
  tx.commit();
  return seq;
}

std::vector<key_entry> key_history_repository::list_for_user(std::string_view user_id) {
  auto query = db_.prepare(std::string(columns) + "WHERE user_id = ?1 ORDER BY seq");
  query.bind(1, user_id);
  std::vector<key_entry> entries;
  while (query.step()) entries.push_back(read_entry(query));
  return entries;
}

std::int64_t key_history_repository::count_for_user(std::string_view user_id) {
  auto query = db_.prepare("SELECT count(*) FROM key_history WHERE user_id = ?1");
  query.bind(1, user_id);
  query.step();
  return query.column_int64(0);
}

std::optional<key_entry> key_history_repository::find_by_cert_sha256(std::string_view cert_sha256) {
  auto query = db_.prepare(std::string(columns) + "WHERE cert_sha256 = ?1");
  query.bind(1, cert_sha256);
  if (!query.step()) return std::nullopt;
  return read_entry(query);
}

void key_history_repository::for_each_sealed_key(const std::function<void(const sealed_key_row&)>& visit) {
  auto query = db_.prepare("SELECT user_id, key_id, seq, sealed_key FROM key_history ORDER BY user_id, seq");
  while (query.step()) visit({query.column_text(0), query.column_text(1), query.column_int64(2), query.column_blob(3)});
}

void key_history_repository::set_sealed_key(std::string_view key_id, std::span<const std::uint8_t> sealed_key) {
  db_.prepare("UPDATE key_history SET sealed_key = ?1 WHERE key_id = ?2").bind(1, sealed_key).bind(2, key_id).run();
  if (db_.changes() == 0) throw error(errc::not_found, "no key with id " + std::string(key_id) + " in any key history");
}

void key_history_repository::set_status(std::string_view key_id, key_status status) {
  auto update = db_.prepare("UPDATE key_history SET status = ?1 WHERE key_id = ?2");
  update.bind(1, to_string(status)).bind(2, key_id).run();
  if (db_.changes() == 0) {
    throw error(errc::not_found, "no key with id " + std::string(key_id) + " in any key history");
  }
}

history_appender::history_appender(sqlite::connection& db)
    : db_(db), next_seq_(db.prepare(next_seq_sql)),
      insert_(db.prepare(std::string(insert_sql) + " ON CONFLICT (cert_sha256) DO NOTHING")) {
  if (!db.in_transaction()) throw error(errc::internal, "history_appender needs a transaction to append in");
}

bool history_appender::append_unless_present(const key_entry& entry) {
  if (entry.user_id != user_id_) {
    next_ = next_seq(next_seq_, entry.user_id);
    user_id_ = entry.user_id;
  }
  bind_entry(insert_, entry, next_);
  run_insert(db_, insert_, entry);
  if (db_.changes() == 0) return false;
  ++next_;
  return true;
}

void key_history_repository::set_certificate_status(std::string_view user_id, std::string_view serial_decimal,
                                                    std::string_view issuer, key_status status) {
  db_.prepare("UPDATE key_history SET status = ?1 WHERE user_id = ?2 AND serial_decimal = ?3 AND issuer = ?4")
      .bind(1, to_string(status))
      .bind(2, user_id)
      .bind(3, serial_decimal)
      .bind(4, issuer)
      .run();
}

}  // namespace arbor::km::store
