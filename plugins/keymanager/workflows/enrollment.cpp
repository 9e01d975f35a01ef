#include "workflows/enrollment.hpp"

#include "common/km_error.hpp"
#include "store/random_id.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"
#include "workflows/enrollment_settings.hpp"

namespace arbor::km::workflows {
namespace {

std::string origin_prefix(const new_user& user) { return user.origin().empty() ? std::string() : user.origin() + ": "; }

invitation invite(store::sqlite::connection& db, const store::user_record& user, std::chrono::sys_seconds now,
                  std::int64_t lifetime_s) {
  store::issued_token issued =
      store::token_repository(db).issue(user.user_id, store::token_purpose::enroll, now, std::chrono::seconds(lifetime_s));
  return {user.alias, user.user_id, std::move(issued.token), issued.expires_at};
}

void add_user(store::user_repository& users, const new_user& user, std::chrono::sys_seconds now) {
  if (users.find_by_alias(user.alias())) {
    throw error(errc::conflict, origin_prefix(user) + "a user with the alias '" + user.alias() +
                                    "' already exists (to give them a new key, re-enroll them); nothing was added.");
  }
  users.add({store::random_id(), user.alias(), user.display_name(), user.email(), std::string(state_pending_enrollment),
             now});
}

}  // namespace

std::vector<invitation> add_users(key_manager& kms, std::span<const new_user> users) {
  const auto now = kms.clock().now();
  const std::int64_t lifetime_s = read_enrollment_settings(kms.db()).token_lifetime_s;
  store::sqlite::transaction tx(kms.db());
  store::user_repository repository(kms.db());
  std::vector<invitation> invitations;
  for (const new_user& user : users) {
    add_user(repository, user, now);
    invitations.push_back(invite(kms.db(), *repository.find_by_alias(user.alias()), now, lifetime_s));
  }
  tx.commit();
  return invitations;
}

invitation reenroll_user(key_manager& kms, std::string_view alias) {
  store::sqlite::transaction tx(kms.db());
  const auto user = store::user_repository(kms.db()).find_by_alias(alias);
  if (!user) throw error(errc::not_found, "There is no user '" + std::string(alias) + "' to re-enroll.");
  invitation issued =
      invite(kms.db(), *user, kms.clock().now(), read_enrollment_settings(kms.db()).token_lifetime_s);
  tx.commit();
  return issued;
}

}  // namespace arbor::km::workflows
