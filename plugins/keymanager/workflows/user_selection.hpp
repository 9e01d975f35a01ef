#pragma once
// Which users an export takes, resolved once: the operator's choice (all users, the aliases they
// picked, or a pattern) becomes a fixed set of stable user ids in a TEMP table of the Key
// Manager's connection (store/user_selection.hpp), so a million users cost SQLite cache, not
// heap. The count the wizard shows, the earlier-exports check and the export all read that set:
// they cannot disagree, and the pattern is matched once.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/km_error.hpp"
#include "store/sqlite.hpp"
#include "store/user_selection.hpp"

namespace arbor::km::workflows {

// How the users are chosen. Zero is not a valid scope.
enum class user_scope {
  all = 1,
  picked,   // user_choice::aliases
  pattern,  // user_choice::pattern
};

// The operator's choice, as typed.
struct user_choice {
  user_scope scope = user_scope::all;
  std::vector<std::string> aliases;  // scope picked
  std::string pattern;               // scope pattern: shell-style * ? [..], case-insensitive

  bool operator==(const user_choice&) const = default;
};

// The choice cannot select anyone as made: no alias picked, or an empty pattern (errc::bad_input).
// The wizard says which field to fill.
class empty_choice : public error {
 public:
  using error::error;
};

// What a pattern would select, for the wizard to show while it is typed: how many users, and the
// aliases of the first `limit` of them. Matched as user_selection matches it, without making a
// selection.
struct pattern_matches {
  std::int64_t count = 0;
  std::vector<std::string> first;
};
pattern_matches match_pattern(store::sqlite::connection& db, const std::string& pattern, std::size_t limit);

class user_selection {
 public:
  // Resolves `choice` on `db` (which must outlive the selection; one selection per connection).
  // One export per selection: the export leaves the table as it was, naming users now gone.
  // Throws empty_choice (nothing picked, no pattern), errc::bad_input for a picked alias no user
  // has or a choice that covers no user, errc::conflict when the connection already holds a
  // selection.
  user_selection(store::sqlite::connection& db, const user_choice& choice);

  // How many users the selection holds.
  std::int64_t count() const noexcept { return count_; }
  // The TEMP table, for the set-based statements of the export.
  store::user_selection& table() noexcept { return *table_; }
  // The connection that holds the table.
  store::sqlite::connection& db() noexcept { return *db_; }
  bool is_on(const store::sqlite::connection& db) const noexcept { return db_ == &db; }

 private:
  store::sqlite::connection* db_;
  std::unique_ptr<store::user_selection> table_;
  std::int64_t count_ = 0;
};

// The selected users without a key history: an export removes them and writes nothing of them,
// so the operator reads their names before confirming.
struct users_without_keys {
  std::int64_t users = 0;            // how many
  std::vector<std::string> aliases;  // at most aliases_named, by alias

  static constexpr std::size_t aliases_named = 20;
};
users_without_keys find_users_without_keys(user_selection& selected);

}  // namespace arbor::km::workflows
