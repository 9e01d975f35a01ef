#include "auth/administrators.hpp"

#include <algorithm>

#include "common/km_error.hpp"
#include "store/administrators.hpp"
#include "store/audit_log.hpp"
#include "store/password_policy.hpp"

namespace arbor::km::auth {
namespace {

constexpr std::size_t longest_name = 64;

// Names show up in audit entries, where several are joined with ", ", and on consoles.
void check_name(std::string_view name) {
  const bool printable = std::all_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != ',';
  });
  if (name.empty() || name.size() > longest_name || !printable || name.front() == ' ' ||
      name.back() == ' ') {
    throw error(errc::bad_input,
                "an administrator name must be 1 to " + std::to_string(longest_name) +
                    " printable characters, without commas or leading or trailing spaces");
  }
}

}  // namespace

bool administrators::ensure_initial_admin() {
  store::administrator_repository admins(db_);
  // Reading the details calls this: when there are administrators, it must not wait for the write
  // lock, which a login holds while it checks passwords (Argon2id, slow on purpose).
  if (admins.count() > 0) return false;
  store::sqlite::transaction tx(db_);
  if (admins.count() > 0) return false;  // another connection made it meanwhile
  const auto now = clock_.now();
  admins.add({std::string(initial_admin_name), hasher_.hash(secret(initial_admin_password)), true,
              now, now});
  store::audit_log(db_).append({0, now, "system", "administrator-added",
                                store::audit_outcome::success,
                                "name=" + std::string(initial_admin_name) +
                                    "; initial administrator, password must be changed"});
  tx.commit();
  return true;
}

void administrators::add(const authorization& auth, std::string_view name,
                         const secret& password) {
  auth.require_task(manage_administrators_task);
  check_name(name);
  check_new_password(password);
  const std::string hash = hasher_.hash(password);
  store::sqlite::transaction tx(db_);
  const auto now = clock_.now();
  store::administrator_repository(db_).add({std::string(name), hash, false, now, now});
  audit(auth, "administrator-added", name);
  tx.commit();
}

void administrators::remove(const authorization& auth, std::string_view name) {
  auth.require_task(manage_administrators_task);
  store::sqlite::transaction tx(db_);
  store::administrator_repository admins(db_);
  if (!admins.find(name)) {
    throw error(errc::not_found, "there is no administrator named '" + std::string(name) + "'");
  }
  const std::int64_t remaining = admins.count() - 1;
  const std::int64_t needed = store::policy_repository(db_).largest();
  if (remaining < 1) {
    throw error(errc::bad_input, "'" + std::string(name) +
                                     "' is the last administrator and cannot be removed: add "
                                     "another administrator first");
  }
  if (remaining < needed) {
    throw error(errc::bad_input,
                "removing '" + std::string(name) + "' would leave " + std::to_string(remaining) +
                    " administrators, but the password policy needs " + std::to_string(needed) +
                    " for some tasks: lower the policy or add an administrator first");
  }
  admins.remove(name);
  audit(auth, "administrator-removed", name);
  tx.commit();
}

void administrators::check_may_change_password(const authorization& auth,
                                               std::string_view name) {
  if (auth.task() == manage_administrators_task) return;
  auth.require_task(change_password_task);
  if (auth.includes(name)) return;
  const std::string quoted = "'" + std::string(name) + "'";
  throw error(errc::bad_input,
              "only " + quoted + " can change the password of " + quoted + ": log in as " +
                  quoted + " with the current password. An administrator who has forgotten it "
                  "can be removed and added again.");
}

void administrators::change_password(const authorization& auth, std::string_view name,
                                     const secret& new_password) {
  check_may_change_password(auth, name);
  check_new_password(new_password);
  const std::string hash = hasher_.hash(new_password);
  store::sqlite::transaction tx(db_);
  store::administrator_repository(db_).set_password(name, hash, false, clock_.now());
  audit(auth, "password-changed", name);
  tx.commit();
}

bool administrators::default_password_in_use() {
  const auto admins = store::administrator_repository(db_).list();
  return std::any_of(admins.begin(), admins.end(),
                     [](const store::administrator_record& a) { return a.must_change; });
}

std::vector<std::string> administrators::names() {
  std::vector<std::string> names;
  for (const auto& a : store::administrator_repository(db_).list()) names.push_back(a.name);
  return names;
}

void administrators::audit(const authorization& auth, std::string_view event,
                           std::string_view name) {
  store::audit_log(db_).append({0, clock_.now(), auth.actor(), std::string(event),
                                store::audit_outcome::success, "name=" + std::string(name)});
}

}  // namespace arbor::km::auth
