#pragma once
// A set of users chosen for a bulk operation (Export Users), kept in a TEMP table of one
// connection rather than in memory, so selecting a million users costs SQLite cache, not heap.
// The set is fixed once; the bulk operations below then act on exactly these users, each as one
// statement, whatever was added to the database since.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// What the selected users hold in the database right now.
struct selection_counts {
  std::int64_t users = 0;            // selected users still in the users table
  std::int64_t users_with_keys = 0;  // of those, with a key history
  std::int64_t keys = 0;             // their key history entries
};

class user_selection {
 public:
  // The TEMP table, for set-based statements of the store that read the selection.
  static constexpr std::string_view table = "temp.user_selection";

  // Creates the (empty) TEMP table on `db`, which must outlive this object. errc::conflict when
  // the connection already holds a selection.
  explicit user_selection(sqlite::connection& db);
  // Drops the table.
  ~user_selection();
  user_selection(const user_selection&) = delete;
  user_selection& operator=(const user_selection&) = delete;

  // Adds a user; the alias is kept so it can be reported after the user is removed. Adding the
  // same id twice keeps one.
  void add(std::string_view user_id, std::string_view alias);
  // Adds every user of the database, in one statement.
  void add_all();
  bool contains(std::string_view user_id);
  std::int64_t size();

  selection_counts counts();
  // Whether every user of the database is selected.
  bool covers_every_user();
  // Queues every key history entry of the selected users whose status is valid for revocation
  // with `reason` (an RFC 5280 name) at `now`, copying the alias as selected and the id (the
  // queue outlives users). Returns how many entries were queued.
  std::int64_t queue_valid_keys_for_revocation(std::string_view reason, std::chrono::sys_seconds now);
  // Removes the selected users with their key histories, tokens and recovery keys. Returns how
  // many users. When every user is selected and the caller turned foreign keys off
  // (sqlite::foreign_keys_off), each table is emptied whole and foreign_key_check proves nothing
  // was left behind; otherwise the key histories go first, in one statement, and the rest by
  // cascade.
  std::int64_t remove_users();

  // The selected users with a certificate in the pending-revocation queue now: the queue, not
  // what a caller saw, says who could not be revoked.
  std::int64_t pending_count();
  // The aliases of pending users, by alias, at most `limit`.
  std::vector<std::string> pending_aliases(std::size_t limit);
  // The aliases of selected users still here without a key history, by alias, at most `limit`.
  std::vector<std::string> aliases_without_keys(std::size_t limit);

 private:
  std::int64_t remove_every_user();
  // Whether the selection is a large share of the users, where walking whole tables beats their
  // user_id indexes.
  bool large_share();

  sqlite::connection& db_;
  sqlite::statement insert_;
  sqlite::statement lookup_;
};

}  // namespace arbor::km::store
