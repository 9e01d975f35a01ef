#include "transfer/selection_table.hpp"

#include "common/km_error.hpp"

namespace arbor::km::transfer {
namespace {

// The statement for the lookup can only be prepared once the table exists.
store::sqlite::connection& created(store::sqlite::connection& db) {
  auto exists = db.prepare("SELECT 1 FROM temp.sqlite_schema WHERE name = 'export_selection'");
  if (exists.step())
    throw error(errc::conflict, "an export is already selecting users on this connection");
  db.exec(
      "CREATE TEMP TABLE export_selection (user_id TEXT PRIMARY KEY NOT NULL, alias TEXT NOT NULL, "
      "pending INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID");
  return db;
}

}  // namespace

selection_table::selection_table(store::sqlite::connection& db)
    : db_(created(db)),
      lookup_(db_.prepare("SELECT 1 FROM temp.export_selection WHERE user_id = ?1")),
      mark_(db_.prepare("UPDATE temp.export_selection SET pending = 1 WHERE user_id = ?1")) {}

selection_table::~selection_table() {
  try {
    db_.exec("DROP TABLE IF EXISTS temp.export_selection");
  } catch (const error&) {
    // The table dies with the connection anyway; a destructor must not throw.
  }
}

std::int64_t selection_table::fill(const user_choice& choice) {
  auto insert = db_.prepare("INSERT OR IGNORE INTO temp.export_selection (user_id, alias) VALUES (?1, ?2)");
  std::int64_t count = 0;
  store::sqlite::transaction tx(db_);  // one commit for the whole fill, not one per row
  for_each_covered(db_, choice, [&](const store::user_record& user) {
    insert.bind(1, user.user_id).bind(2, user.alias).run();
    insert.reset();
    ++count;
  });
  tx.commit();
  return count;
}

bool selection_table::contains(std::string_view user_id) {
  lookup_.reset();
  lookup_.bind(1, user_id);
  const bool found = lookup_.step();
  lookup_.reset();
  return found;
}

void selection_table::for_each(const std::function<void(const std::string&)>& visit) {
  auto query = db_.prepare("SELECT user_id FROM temp.export_selection ORDER BY user_id");
  while (query.step()) visit(query.column_text(0));
}

void selection_table::mark_pending(std::string_view user_id) {
  mark_.reset();
  mark_.bind(1, user_id).run();
  mark_.reset();
}

std::int64_t selection_table::pending_count() {
  auto query = db_.prepare("SELECT count(*) FROM temp.export_selection WHERE pending = 1");
  query.step();
  return query.column_int64(0);
}

std::vector<std::string> selection_table::pending_aliases(std::size_t limit) {
  auto query = db_.prepare("SELECT alias FROM temp.export_selection WHERE pending = 1 ORDER BY alias LIMIT ?1");
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<std::string> aliases;
  while (query.step()) aliases.push_back(query.column_text(0));
  return aliases;
}

}  // namespace arbor::km::transfer
