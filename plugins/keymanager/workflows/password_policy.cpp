#include "workflows/password_policy.hpp"

#include "common/km_error.hpp"
#include "workflows/task_audit.hpp"

#include <utility>

namespace arbor::km::workflows {

policy_change::policy_change(std::string task, std::int64_t required) : task_(std::move(task)), required_(required) {
  if (task_.empty()) throw error(errc::bad_input, "Choose the task whose password policy changes.");
  if (required_ < 1)
    throw error(errc::bad_input, "'" + std::to_string(required_) + "' is not a number of administrators: type 1 or more.");
}

void change_password_policy(key_manager& kms, const site& where, const authorization& who, const policy_change& change) {
  const auth::password_hasher hasher(where.argon2);
  failure_audited(kms, who.actor(), "policy-changed",
                  "task=" + change.task() + "; required=" + std::to_string(change.required()),
                  [&] { auth::login(kms.db(), hasher, kms.clock()).set_policy(who, change.task(), change.required()); });
}

}  // namespace arbor::km::workflows
