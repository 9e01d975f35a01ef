#include "workflows/user_selection.hpp"

#include <fnmatch.h>

#include "store/users.hpp"

namespace arbor::km::workflows {
namespace {

bool matches(const std::string& pattern, const std::string& text) {
  return !text.empty() && ::fnmatch(pattern.c_str(), text.c_str(), FNM_CASEFOLD) == 0;
}

bool matches_user(const std::string& pattern, const store::user_record& user) {
  return matches(pattern, user.alias) || matches(pattern, user.display_name) || matches(pattern, user.email);
}

void select(store::sqlite::connection& db, const user_choice& choice, store::user_selection& selected) {
  store::user_repository users(db);
  switch (choice.scope) {
    case user_scope::all:
      selected.add_all();
      return;
    case user_scope::picked:
      if (choice.aliases.empty()) throw empty_choice(errc::bad_input, "no user was picked");
      for (const auto& alias : choice.aliases) {
        const auto user = users.find_by_alias(alias);
        if (!user) throw error(errc::bad_input, "There is no user '" + alias + "' on this server.");
        selected.add(user->user_id, user->alias);
      }
      return;
    case user_scope::pattern:
      if (choice.pattern.empty()) throw empty_choice(errc::bad_input, "no pattern was given");
      users.for_each([&](const store::user_record& user) {
        if (matches_user(choice.pattern, user)) selected.add(user.user_id, user.alias);
      });
      return;
  }
}

}  // namespace

pattern_matches match_pattern(store::sqlite::connection& db, const std::string& pattern, std::size_t limit) {
  pattern_matches found;
  if (pattern.empty()) return found;
  store::user_repository(db).for_each([&](const store::user_record& user) {
    if (!matches_user(pattern, user)) return;
    ++found.count;
    if (found.first.size() < limit) found.first.push_back(user.alias);
  });
  return found;
}

user_selection::user_selection(store::sqlite::connection& db, const user_choice& choice)
    : db_(&db), table_(std::make_unique<store::user_selection>(db)) {
  store::sqlite::transaction tx(db);  // one commit for the whole selection, not one per user
  select(db, choice, *table_);
  tx.commit();
  count_ = table_->size();
  if (count_ == 0) throw error(errc::bad_input, "The choice covers no user: choose other users.");
}

users_without_keys find_users_without_keys(user_selection& selected) {
  const store::selection_counts counts = selected.table().counts();
  return {counts.users - counts.users_with_keys, selected.table().aliases_without_keys(users_without_keys::aliases_named)};
}

}  // namespace arbor::km::workflows
