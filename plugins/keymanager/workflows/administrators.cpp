#include "workflows/administrators.hpp"

#include "auth/administrators.hpp"
#include "workflows/task_audit.hpp"

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

void change_administrators(key_manager& kms, const site& where, const authorization& who,
                           const administrator_change& change) {
  const auth::password_hasher hasher(where.argon2);
  auth::administrators admins(kms.db(), hasher, kms.clock());
  failure_audited(kms, who.actor(), event_of(change.what_), "name=" + change.name_, [&] {
    switch (change.what_) {
      case administrator_change::operation::add: return admins.add(who, change.name_, change.password_->value());
      case administrator_change::operation::remove: return admins.remove(who, change.name_);
      case administrator_change::operation::change_password:
        return admins.change_password(who, change.name_, change.password_->value());
    }
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
