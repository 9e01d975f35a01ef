#pragma once
// The Administrators properties tab's changes: add an administrator, remove one, change a
// password. auth/ does each change in its own transaction and audits its success; the workflow
// audits a refusal or failure under the same event name.
#include "common/secret.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::km::workflows {

/// A password to set, checked once, here: errc::bad_input when shorter than 8 characters or the
/// initial password (auth::check_new_password).
class new_password {
 public:
  explicit new_password(secret password);

  const secret& value() const noexcept { return password_; }

 private:
  secret password_;
};

/// One change of the administrators. Built only with what its operation needs: a new password
/// for adding and for changing a password, none for removing.
class administrator_change {
 public:
  enum class operation { add = 1, remove, change_password };

  static administrator_change add(std::string name, new_password password);
  static administrator_change remove(std::string name);
  static administrator_change change_password(std::string name, new_password password);

  operation what() const noexcept { return what_; }
  const std::string& name() const noexcept { return name_; }

 private:
  friend void change_administrators(key_manager&, const site&, const authorization&, const std::vector<credential>&,
                                    const secret&, const administrator_change&);
  administrator_change(operation what, std::string name, std::optional<new_password> password);
  operation what_;
  std::string name_;
  std::optional<new_password> password_;
};

/// Runs `change` by `who` (logged in for manage_administrators_task, or for change_password_task
/// as the administrator whose password changes). Audited as "administrator-added",
/// "administrator-removed" or "password-changed", succeeded or failed. errc::bad_input for an
/// unusable name, a removal that would leave too few administrators or a password `who` may not
/// change; errc::conflict for a name taken; errc::not_found for an unknown one. Keyslots follow
/// (instance/vault.hpp): an administrator added, or given a password by others, gets a new keyslot,
/// and the vault is split anew among the keyslots, for which the keys are opened with
/// `credentials` (who logged in) and `hsm_pin` (open_keys); a removed administrator's keyslot goes
/// with them and the vault is split anew without it; changing one's own password re-seals one's
/// own keyslot.
void change_administrators(key_manager& kms, const site& where, const authorization& who,
                           const std::vector<credential>& credentials, const secret& hsm_pin,
                           const administrator_change& change);

/// errc::bad_input, saying whom to log in as, unless `who` may change the password of `name`.
void check_may_change_password(const authorization& who, std::string_view name);

/// The administrators as the tab lists them.
struct administrators_list {
  std::vector<std::string> names;
  bool default_password_in_use = false;  ///< an administrator still has the initial password
};

administrators_list list_administrators(key_manager& kms, const site& where);

}  // namespace arbor::km::workflows
