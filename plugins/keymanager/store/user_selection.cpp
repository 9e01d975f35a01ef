#include "store/user_selection.hpp"

#include "common/km_error.hpp"
#include "store/key_status.hpp"

namespace arbor::km::store {
namespace {

// The statements can only be prepared once the table exists.
sqlite::connection& created(sqlite::connection& db) {
  auto exists = db.prepare("SELECT 1 FROM temp.sqlite_schema WHERE name = 'user_selection'");
  if (exists.step()) throw error(errc::conflict, "this connection already holds a user selection");
  db.exec(
      "CREATE TEMP TABLE user_selection (user_id TEXT PRIMARY KEY NOT NULL, alias TEXT NOT NULL) WITHOUT ROWID");
  // The export reads the selected users in alias order, as the file lists them, without a sort.
  db.exec("CREATE INDEX temp.user_selection_by_alias ON user_selection (alias COLLATE NOCASE)");
  return db;
}

std::int64_t single_number(sqlite::connection& db, std::string_view sql) {
  auto query = db.prepare(sql);
  query.step();
  return query.column_int64(0);
}

}  // namespace

user_selection::user_selection(sqlite::connection& db)
    : db_(created(db)),
      insert_(db_.prepare("INSERT OR IGNORE INTO temp.user_selection (user_id, alias) VALUES (?1, ?2)")),
      lookup_(db_.prepare("SELECT 1 FROM temp.user_selection WHERE user_id = ?1")) {}

user_selection::~user_selection() {
  try {
    db_.exec("DROP TABLE IF EXISTS temp.user_selection");
  } catch (const error&) {
    // The table dies with the connection anyway; a destructor must not throw.
  }
}

void user_selection::add(std::string_view user_id, std::string_view alias) {
  insert_.reset();
  insert_.bind(1, user_id).bind(2, alias).run();
  insert_.reset();
}

void user_selection::add_all() {
  db_.prepare("INSERT OR IGNORE INTO temp.user_selection (user_id, alias) SELECT user_id, alias FROM users").run();
}

bool user_selection::contains(std::string_view user_id) {
  lookup_.reset();
  lookup_.bind(1, user_id);
  const bool found = lookup_.step();
  lookup_.reset();
  return found;
}

std::int64_t user_selection::size() { return single_number(db_, "SELECT count(*) FROM temp.user_selection"); }

// The selection is walked in its own order, which is user_id order, and each user looked up in
// users' user_id index (CROSS JOIN keeps the selection outside): the lookups follow one another
// through the index. The other way round, a million users in rowid order each looked up in the
// TEMP table, took seconds of cache misses (bench/export).
selection_counts user_selection::counts() {
  auto query = db_.prepare(
      "SELECT count(*), count(k.user_id), coalesce(sum(k.n), 0) FROM temp.user_selection s "
      "CROSS JOIN users u ON u.user_id = s.user_id "
      "LEFT JOIN (SELECT user_id, count(*) AS n FROM key_history GROUP BY user_id) k ON k.user_id = s.user_id");
  query.step();
  return {query.column_int64(0), query.column_int64(1), query.column_int64(2)};
}

bool user_selection::covers_every_user() {
  return single_number(db_,
                       "SELECT (SELECT count(*) FROM users) = "
                       "(SELECT count(*) FROM temp.user_selection s CROSS JOIN users u ON u.user_id = s.user_id)") != 0;
}

bool user_selection::large_share() { return size() * 4 >= single_number(db_, "SELECT count(*) FROM users"); }

std::int64_t user_selection::queue_valid_keys_for_revocation(std::string_view reason, std::chrono::sys_seconds now) {
  // For a large share, key_history is walked in its own order (CROSS JOIN keeps it the outer
  // loop) and each row looks its user up in the selection; for a few users, each selected user's
  // entries come through the user_id index.
  const std::string columns =
      "INSERT INTO pending_revocations (serial_decimal, serial_hex, authority_key_id, issuer, user_alias, user_id, "
      "reason, queued_at) SELECT k.serial_decimal, k.serial_hex, k.authority_key_id, k.issuer, s.alias, s.user_id, ?1, ?2 ";
  auto queue = db_.prepare(columns + (large_share() ? "FROM key_history k CROSS JOIN temp.user_selection s "
                                                      "ON s.user_id = k.user_id WHERE k.status = ?3"
                                                    : "FROM temp.user_selection s JOIN key_history k "
                                                      "ON k.user_id = s.user_id WHERE k.status = ?3"));
  queue.bind(1, reason).bind(2, now).bind(3, to_string(key_status::valid)).run();
  return db_.changes();
}

std::int64_t user_selection::remove_users() {
  if (!sqlite::foreign_keys_on(db_)) {
    if (!covers_every_user()) throw error(errc::internal, "users can be removed without foreign keys only all at once");
    return remove_every_user();
  }
  // The key histories go first, in one statement. When the selection is a large share of the
  // users, walking key_history in its own order (the unary + keeps SQLite off the user_id index)
  // touches each page once; deleting user by user, as the cascade does, visits the rows in the
  // random order of user ids, and at 100,000 users that took half again as long (bench/export).
  // For a few users among many the index is the short way.
  db_.prepare(large_share() ? "DELETE FROM key_history WHERE +user_id IN (SELECT user_id FROM temp.user_selection)"
                            : "DELETE FROM key_history WHERE user_id IN (SELECT user_id FROM temp.user_selection)")
      .run();
  db_.prepare("DELETE FROM users WHERE user_id IN (SELECT user_id FROM temp.user_selection)").run();
  return db_.changes();
}

std::int64_t user_selection::remove_every_user() {
  // Without a WHERE and without foreign keys to enforce, SQLite frees each table's pages whole
  // (its "truncate optimization"): at 100,000 users 0.1 s where deleting row by row, each index
  // entry in random order, took 5.6 s. What the cascades would remove goes explicitly, children
  // first, and the check below proves nothing refers to a removed row.
  const std::int64_t users = single_number(db_, "SELECT count(*) FROM users");
  for (const char* table : {"recovery_keys", "enrollment_tokens", "key_history", "users"}) {
    db_.exec(std::string("DELETE FROM ") + table);
  }
  sqlite::require_foreign_keys_hold(db_);
  return users;
}

// Who is pending is read from the queue when asked, never stored: IN over an uncorrelated
// subquery, whose index SQLite builds once (the queue has no user_id index).
std::int64_t user_selection::pending_count() {
  return single_number(db_,
                       "SELECT count(*) FROM temp.user_selection WHERE user_id IN (SELECT user_id FROM pending_revocations)");
}

std::vector<std::string> user_selection::pending_aliases(std::size_t limit) {
  auto query = db_.prepare(
      "SELECT alias FROM temp.user_selection WHERE user_id IN (SELECT user_id FROM pending_revocations) "
      "ORDER BY alias LIMIT ?1");
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<std::string> aliases;
  while (query.step()) aliases.push_back(query.column_text(0));
  return aliases;
}

std::vector<std::string> user_selection::aliases_without_keys(std::size_t limit) {
  auto query = db_.prepare(
      "SELECT u.alias FROM temp.user_selection s JOIN users u ON u.user_id = s.user_id "
      "WHERE NOT EXISTS (SELECT 1 FROM key_history k WHERE k.user_id = s.user_id) ORDER BY u.alias LIMIT ?1");
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<std::string> aliases;
  while (query.step()) aliases.push_back(query.column_text(0));
  return aliases;
}

}  // namespace arbor::km::store
