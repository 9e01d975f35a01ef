#pragma once
// A task opened with users selected in the details pane (SDK 1.2 row selection): the task's own
// wizard, with those users as the defaults of the field that names users. Only defaults: the
// page is shown as always, the operator can change them, and validation is the task's own. A
// selected user the field does not offer (gone since, or without keys to recover) is left out
// and named on the page.
#include "wizards/factories.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::km::wizards {

/// The field a task's selected users become the default of.
struct users_field {
  const char* page_id;
  const char* field_id;
  bool one_user;                      ///< a choice of one user: the first selected
  const char* scope_field = nullptr;  ///< a choice on the same page set to `scope_value`, if any
  const char* scope_value = nullptr;
};

/// A task that opens with the users selected in the details, and where they go.
struct users_action {
  const char* action_id;
  users_field field;
};

/// The tasks that take the selected users. (Enroll Users' re-enroll is not one: its alias is a
/// text field, where an emptied field would bring the default back.)
inline constexpr users_action users_actions[] = {
    {"export-users", {"users", "picked", false, "scope", "picked"}},
    {"recover-keys", {"user", "user", true}},
    {"revoke-certificates", {"revoke", "users", false}},
};

/// The entry of users_actions for `action_id`, or nullptr.
const users_action* find_users_action(std::string_view action_id);

/// `inner` with `users` (aliases, at least one) as the defaults of `where`.
wizard_ptr preselect(wizard_ptr inner, const users_field& where, std::vector<std::string> users);

}  // namespace arbor::km::wizards
