#include "workflows/user_choice.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "common/km_error.hpp"

namespace arbor::km::workflows {
namespace {

bool matches(const std::string& pattern, const std::string& text) {
  return !text.empty() && ::fnmatch(pattern.c_str(), text.c_str(), FNM_CASEFOLD) == 0;
}

}  // namespace

void check_choice(const user_choice& choice) {
  if (choice.scope == user_scope::picked && choice.user_ids.empty())
    throw error(errc::bad_input, "Pick at least one user (field 'picked'), or choose all users or a pattern.");
  if (choice.scope == user_scope::pattern && choice.pattern.empty())
    throw error(errc::bad_input, "Type a pattern (field 'pattern'), e.g. *@example.org or sales-*.");
}

bool covers(const user_choice& choice, const store::user_record& user) {
  switch (choice.scope) {
    case user_scope::all:
      return true;
    case user_scope::picked:
      return std::find(choice.user_ids.begin(), choice.user_ids.end(), user.user_id) != choice.user_ids.end();
    case user_scope::pattern:
      return matches(choice.pattern, user.alias) || matches(choice.pattern, user.display_name) ||
             matches(choice.pattern, user.email);
  }
  return false;
}

void for_each_covered(store::sqlite::connection& db, const user_choice& choice,
                      const std::function<void(const store::user_record&)>& visit) {
  store::user_repository users(db);
  if (choice.scope != user_scope::picked) {
    users.for_each([&](const store::user_record& user) {
      if (covers(choice, user)) visit(user);
    });
    return;
  }
  std::vector<std::string> ids = choice.user_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const std::string& id : ids)
    if (const auto user = users.find_by_id(id)) visit(*user);
}

std::int64_t count_covered(store::sqlite::connection& db, const user_choice& choice) {
  if (choice.scope == user_scope::all) return store::user_repository(db).count();
  std::int64_t count = 0;
  for_each_covered(db, choice, [&](const store::user_record&) { ++count; });
  return count;
}

std::int64_t select_covered(store::sqlite::connection& db, const user_choice& choice, store::user_selection& selection) {
  store::sqlite::transaction tx(db);  // one commit for the whole selection, not one per user
  for_each_covered(db, choice, [&](const store::user_record& user) { selection.add(user.user_id, user.alias); });
  tx.commit();
  return selection.size();
}

}  // namespace arbor::km::workflows
