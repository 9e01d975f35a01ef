#include "workflows/sign_in.hpp"

#include "auth/administrators.hpp"
#include "common/km_error.hpp"
#include "workflows/upgrade_keys.hpp"

#include <utility>

namespace arbor::km::workflows {

sign_in_request::sign_in_request(std::string task, std::vector<credential> credentials)
    : task_(std::move(task)), credentials_(std::move(credentials)) {
  if (task_.empty()) throw error(errc::internal, "A login was asked for without naming its task.");
}

login_demand login_needed(key_manager& kms, const site& where, std::string_view task) {
  const auth::password_hasher hasher(where.argon2);
  auth::administrators admins(kms.db(), hasher, kms.clock());
  admins.ensure_initial_admin();
  return {auth::login(kms.db(), hasher, kms.clock()).required_for(task), admins.default_password_in_use()};
}

std::int64_t administrators_needed(key_manager& kms, const site& where, std::string_view task) {
  const auth::password_hasher hasher(where.argon2);
  return auth::login(kms.db(), hasher, kms.clock()).required_for(task);
}

authorization sign_in(key_manager& kms, const site& where, const sign_in_request& request) {
  const auth::password_hasher hasher(where.argon2);
  auto who = auth::login(kms.db(), hasher, kms.clock()).authorize(request.task(), request.credentials());
  if (kms.status() == key_manager::state::upgrade_needed) upgrade_keys(kms, where, who, request.credentials());
  return who;
}

}  // namespace arbor::km::workflows
