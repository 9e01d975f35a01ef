#pragma once
// The users table: who has keys in escrow. A user is known forever by user_id (random, stable
// across servers); alias, display name and e-mail are what operators search by.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// One row of the users table. Times are Unix seconds, UTC.
struct user_record {
  std::string user_id;
  std::string alias;  // unique, case-insensitively
  std::string display_name;
  std::string email;
  std::string state;
  std::chrono::sys_seconds created_at{};
};

// A window on an ordered listing.
struct page {
  std::int64_t offset = 0;
  std::int64_t limit = 100;
};

// Reads and writes users. Listings are ordered by alias.
class user_repository {
 public:
  explicit user_repository(sqlite::connection& db) : db_(db) {}

  // Inserts `user` with its id as given (random_id() for a new user; an import keeps the source
  // server's id). errc::bad_input for an empty id or alias, errc::conflict when the id or the
  // alias is taken.
  void add(const user_record& user);

  std::optional<user_record> find_by_id(std::string_view user_id);
  std::optional<user_record> find_by_alias(std::string_view alias);  // case-insensitive
  // E-mail addresses need not be unique, so every match is returned.
  std::vector<user_record> find_by_email(std::string_view email);  // case-insensitive

  std::vector<user_record> list(page window);
  std::int64_t count();
  // Users whose alias, display name or e-mail contains `text` (case-insensitive, taken
  // literally: % and _ are not wildcards).
  std::vector<user_record> search(std::string_view text, page window);

  // Sets the user's state word (e.g. "pending-enrollment", "active"). errc::not_found when
  // there is no user with `user_id`.
  void set_state(std::string_view user_id, std::string_view state);

  // Removes the user with its key history and tokens (cascade). False when there was none.
  bool remove(std::string_view user_id);

  // Calls `visit` for every user in alias order, one row at a time, so memory does not grow with
  // the number of users. `visit` must not write to the users table.
  void for_each(const std::function<void(const user_record&)>& visit);
  // The same for the users whose ids `selection_table` holds (user_selection::table), by the
  // selection's alias: a join driven by the selection, not a pass over every user.
  void for_each_in(std::string_view selection_table, const std::function<void(const user_record&)>& visit);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
