#include "workflows/recover_keys.hpp"

#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"
#include "store/key_history.hpp"
#include "store/recovery_keys.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {

std::vector<std::string> users_with_keys(key_manager& kms) {
  std::vector<store::user_record> users;
  store::user_repository(kms.db()).for_each([&](const store::user_record& u) { users.push_back(u); });
  store::key_history_repository history(kms.db());
  std::vector<std::string> aliases;
  for (const auto& u : users)
    if (history.count_for_user(u.user_id) > 0) aliases.push_back(u.alias);
  return aliases;
}

invitation recover_keys(key_manager& kms, const opened_vault& keys, const recover_keys_request& request) {
  auto& db = kms.db();
  store::sqlite::transaction tx(db);
  const auto user = store::user_repository(db).find_by_alias(request.alias);
  if (!user) throw error(errc::not_found, "There is no user '" + request.alias + "'.");
  const auto history = store::key_history_repository(db).list_for_user(user->user_id);
  if (history.empty()) {
    throw error(errc::bad_input, "User '" + user->alias +
                                     "' has no keys to recover: they have not completed an enrollment yet.");
  }
  const auto now = kms.clock().now();
  store::issued_token issued = store::token_repository(db).issue(
      user->user_id, store::token_purpose::recover, now, std::chrono::seconds(read_enrollment_settings(db).token_lifetime_s));
  // The history re-sealed for the token: redeeming it needs the token and nothing else.
  store::recovery_key_repository recovery(db);
  for (const auto& entry : history) {
    recovery.add(issued.token_id, {entry.key_id, seal_for_recovery(issued.token, issued.token_id,
                                                                   unseal_user_key_der(keys, entry), entry.user_id,
                                                                   entry.key_id)});
  }
  tx.commit();
  record_audit(kms, request.actor, "recovery-token-issued", user->alias, audit_outcome::success);
  return {user->alias, user->user_id, std::move(issued.token), issued.expires_at};
}

}  // namespace arbor::km::workflows
