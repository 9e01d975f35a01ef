#include "workflows/administrators.hpp"

#include "auth/administrators.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/task_audit.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

namespace arbor::km::workflows {
namespace {

const char* event_of(administrator_change::operation what) {
  switch (what) {
    case administrator_change::operation::add: return "administrator-added";
    case administrator_change::operation::remove: return "administrator-removed";
    case administrator_change::operation::change_password: return "password-changed";
  }
  return "administrators-changed";
}

}  // namespace

new_password::new_password(secret password) : password_(std::move(password)) { auth::check_new_password(password_); }

administrator_change::administrator_change(operation what, std::string name, std::optional<new_password> password)
    : what_(what), name_(std::move(name)), password_(std::move(password)) {}

administrator_change administrator_change::add(std::string name, new_password password) {
  return {operation::add, std::move(name), std::move(password)};
}

administrator_change administrator_change::remove(std::string name) {
  return {operation::remove, std::move(name), std::nullopt};
}

administrator_change administrator_change::change_password(std::string name, new_password password) {
  return {operation::change_password, std::move(name), std::move(password)};
}

namespace {

// Changing one's own password re-seals one's own keyslot with the old password; everything else
// re-makes keyslots or shares and needs the keys open.
bool needs_keys(const administrator_change& change, const authorization& who) {
  return change.what() != administrator_change::operation::change_password || who.task() != change_password_task;
}

// Names compare as the administrators table compares them: ASCII case-insensitively.
bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

const secret& password_of(const authorization& who, const std::vector<credential>& credentials, std::string_view name) {
  for (const auto& c : credentials)
    if (who.includes(c.name) && same_name(c.name, name)) return c.password;
  throw error(errc::internal, "a password change without the administrator's own login");
}

}  // namespace

void change_administrators(key_manager& kms, const site& where, const authorization& who,
                           const std::vector<credential>& credentials, const secret& hsm_pin,
                           const administrator_change& change) {
  const auth::password_hasher hasher(where.argon2);
  auth::administrators admins(kms.db(), hasher, kms.clock());
  // Opened before the transaction, so a refusal to open them stays in the audit log.
  std::optional<opened_vault> keys;
  if (needs_keys(change, who)) keys.emplace(open_keys(kms, where, who, credentials, hsm_pin));
  failure_audited(kms, who.actor(), event_of(change.what_), "name=" + change.name_, [&] {
    store::sqlite::transaction tx(kms.db());
    auto vault = kms.vault();
    const administrator_key slot{change.name_, change.password_ ? &change.password_->value() : nullptr};
    switch (change.what_) {
      case administrator_change::operation::add:
        admins.add(who, change.name_, change.password_->value());
        vault.add_keyslot(*keys, slot, where.argon2);
        break;
      case administrator_change::operation::remove: admins.remove(who, change.name_); break;
      case administrator_change::operation::change_password:
        admins.change_password(who, change.name_, change.password_->value());
        if (keys)
          vault.add_keyslot(*keys, slot, where.argon2);
        else
          vault.change_password(change.name_, password_of(who, credentials, change.name_), change.password_->value(),
                                where.argon2);
        break;
    }
    // A new split after any change of who holds a keyslot: shares of an earlier split, such as a
    // removed administrator's, do not combine with the new ones.
    if (keys) vault.share_out(*keys, vault.threshold());
    tx.commit();
  });
}

void check_may_change_password(const authorization& who, std::string_view name) {
  auth::administrators::check_may_change_password(who, name);
}

administrators_list list_administrators(key_manager& kms, const site& where) {
  const auth::password_hasher hasher(where.argon2);
  auth::administrators admins(kms.db(), hasher, kms.clock());
  return {admins.names(), admins.default_password_in_use()};
}

}  // namespace arbor::km::workflows
