#pragma once
// Which users an export takes: all of them, the ones the operator picked, or the ones whose
// alias, name or e-mail matches a pattern. One predicate serves the count the wizard shows and
// the selection the export makes, so the two cannot disagree.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"
#include "store/user_selection.hpp"
#include "store/users.hpp"

namespace arbor::km::workflows {

// How the users are chosen. Zero is not a valid scope.
enum class user_scope {
  all = 1,
  picked,   // user_choice::user_ids
  pattern,  // user_choice::pattern
};

// The operator's choice of users.
struct user_choice {
  user_scope scope = user_scope::all;
  std::vector<std::string> user_ids;  // scope picked: stable user ids
  std::string pattern;                // scope pattern: shell-style * ? [..], case-insensitive
};

// errc::bad_input when the choice cannot select anyone by construction: no user picked, or an
// empty pattern.
void check_choice(const user_choice& choice);

// True when `user` is covered by `choice`. For scope picked this is a linear search of the
// picked ids (the operator picks by hand, so the list is short).
bool covers(const user_choice& choice, const store::user_record& user);

// Calls `visit` for each user in the database the choice covers, one at a time: a pass over
// all users for scopes all and pattern, a lookup per picked id (each once) for scope picked.
// `visit` must not write to the users table.
void for_each_covered(store::sqlite::connection& db, const user_choice& choice,
                      const std::function<void(const store::user_record&)>& visit);

// How many users in the database the choice covers, in constant memory.
std::int64_t count_covered(store::sqlite::connection& db, const user_choice& choice);

// Adds every user the choice covers to `selection` (on the same connection) and returns how
// many the selection holds.
std::int64_t select_covered(store::sqlite::connection& db, const user_choice& choice, store::user_selection& selection);

}  // namespace arbor::km::workflows
