#pragma once
// The Key Management Service Login a task starts with: as many distinct administrators as the
// password policy asks for the task, asked again for every task. auth/ checks the passwords,
// keeps the lockout and audits every attempt (event "login"); this is its one caller from above.
#include "auth/login.hpp"
#include "workflows/site.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::km::workflows {

/// One administrator's name and password as typed.
using auth::credential;
/// Who logged in for which task: the proof the changes of administrators and policy take, and
/// the actor of the task's audit entries.
using auth::authorization;

/// The password-policy tasks that are not a console action: changing who may do what needs the
/// most administrators the policy asks for; changing one's own password needs that password.
using auth::manage_administrators_task;
using auth::manage_policy_task;
using auth::change_password_task;

/// A login for one task. Built valid: the task is named (an empty one is a caller's bug,
/// errc::internal). The credentials are judged by sign_in, which audits every refusal.
class sign_in_request {
 public:
  sign_in_request(std::string task, std::vector<credential> credentials);

  const std::string& task() const noexcept { return task_; }
  const std::vector<credential>& credentials() const noexcept { return credentials_; }

 private:
  std::string task_;
  std::vector<credential> credentials_;
};

/// What the login page for a task must ask.
struct login_demand {
  std::int64_t administrators = 1;       ///< distinct administrators the policy asks for
  bool default_password_in_use = false;  ///< an administrator still has the initial password
};

/// What logging in for `task` needs. Creates the initial administrator of a new Key Manager.
login_demand login_needed(key_manager& kms, const site& where, std::string_view task);

/// How many distinct administrators logging in for `task` needs.
std::int64_t administrators_needed(key_manager& kms, const site& where, std::string_view task);

/// Checks the request's credentials (auth::login::authorize: policy, lockout, audit of the
/// attempt) and returns who logged in. errc::auth_failed or errc::locked_out when refused. A Key
/// Manager made before schema version 6 is upgraded to keyslots here, with these credentials
/// (workflows/upgrade_keys.hpp).
authorization sign_in(key_manager& kms, const site& where, const sign_in_request& request);

}  // namespace arbor::km::workflows
