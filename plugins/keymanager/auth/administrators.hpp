#pragma once
// Managing the administrators: the initial one, adding, removing, changing passwords. Each
// change needs an authorization from login::authorize and is audited (never with a password).
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "auth/login.hpp"
#include "auth/password_hash.hpp"
#include "common/secret.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::auth {

// The name and password of the administrator a new Key Manager starts with. The password must be
// changed; until then default_password_in_use() is true and the console warns.
inline constexpr std::string_view initial_admin_name = "admin";
inline constexpr std::string_view initial_admin_password = "password";

class administrators {
 public:
  administrators(store::sqlite::connection& db, const password_hasher& hasher, const clock& clock)
      : db_(db), hasher_(hasher), clock_(clock) {}

  // Creates the initial administrator when there is none. True when it did.
  bool ensure_initial_admin();

  // Adds an administrator. `auth` must be for manage_administrators_task. errc::bad_input for an
  // unusable name or a weak password, errc::conflict when the name is taken.
  void add(const authorization& auth, std::string_view name, const secret& password);

  // Removes an administrator. `auth` must be for manage_administrators_task. Refused with
  // errc::bad_input when it would leave no administrator, or fewer than the largest number the
  // password policy requires (some task could then never be run). errc::not_found when unknown.
  void remove(const authorization& auth, std::string_view name);

  // Sets a new password and clears must_change. errc::bad_input unless
  // check_may_change_password(auth, name) passes.
  void change_password(const authorization& auth, std::string_view name,
                       const secret& new_password);

  // Refuses with errc::bad_input, saying whom to log in as, unless `auth` is for
  // change_password_task and includes `name` (they proved the current password) or is for
  // manage_administrators_task.
  static void check_may_change_password(const authorization& auth, std::string_view name);

  // True while any administrator still has the initial password.
  bool default_password_in_use();

  std::vector<std::string> names();

 private:
  void audit(const authorization& auth, std::string_view event, std::string_view name);

  store::sqlite::connection& db_;
  const password_hasher& hasher_;
  const clock& clock_;
};

}  // namespace arbor::km::auth
