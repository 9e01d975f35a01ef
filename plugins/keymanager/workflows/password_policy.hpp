#pragma once
// The Passwords properties tab's change: how many distinct administrators a task needs (the
// multiple-password policy). auth/ stores it and audits "policy-changed"; a refusal is audited
// under the same event as failed.
#include "common/secret.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace arbor::km::workflows {

/// `task` shall need `required` administrators. Built valid: `required` is 1 or more and the task
/// is named (errc::bad_input otherwise). Whether there are that many administrators is checked
/// when the change runs, in its transaction.
class policy_change {
 public:
  policy_change(std::string task, std::int64_t required);

  const std::string& task() const noexcept { return task_; }
  std::int64_t required() const noexcept { return required_; }

 private:
  std::string task_;
  std::int64_t required_;
};

/// Stores `change` by `who` (logged in for manage_policy_task with `credentials`). errc::bad_input
/// when there are fewer administrators than the change asks for. The key-opening tasks share one
/// number (auth::key_opening_tasks): changing it opens the keys with `credentials` and `hsm_pin`
/// (open_keys) and splits the vault anew among the keyslots, so fewer administrators than it says
/// can open nothing; errc::bad_input when fewer administrators have a keyslot than it asks for.
void change_password_policy(key_manager& kms, const site& where, const authorization& who,
                            const std::vector<credential>& credentials, const secret& hsm_pin,
                            const policy_change& change);

}  // namespace arbor::km::workflows
