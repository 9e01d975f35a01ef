#pragma once
// Asking administrators for their passwords before a task: the multiple-password policy, the
// lockout after repeated failures, and the audit of every attempt. Nothing is cached: each task
// calls authorize() again.
#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "auth/password_hash.hpp"
#include "common/secret.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::auth {

// Tasks whose requirement is not read from their own policy row but is the largest value in the
// policy: whoever changes the rules must clear the highest bar the rules set.
inline constexpr std::string_view manage_policy_task = "manage-policy";
inline constexpr std::string_view manage_administrators_task = "manage-administrators";
// An administrator changing their own password (proved by entering the current one).
inline constexpr std::string_view change_password_task = "change-password";
// The tasks that open keys. They open one vault, whose shares are split for one number of
// administrators, so they need one number: setting it for one sets it for all.
inline constexpr std::array<std::string_view, 4> key_opening_tasks = {"export-users", "import-users", "recover-keys",
                                                                      "restore-database"};
bool opens_keys(std::string_view task);

// One administrator's name and password as typed.
struct credential {
  std::string name;
  secret password;
};

// Proof that enough distinct administrators entered their passwords for one task. Only
// login::authorize creates one; operations that change who may do what take it as a parameter.
class authorization {
 public:
  const std::string& task() const noexcept { return task_; }
  // The administrators' names as stored (case as created), in the order given.
  const std::vector<std::string>& administrators() const noexcept { return administrators_; }
  // The names joined with ", ", for audit entries.
  std::string actor() const;
  bool includes(std::string_view name) const;
  // errc::internal when this authorization was granted for another task: a caller's bug.
  void require_task(std::string_view task) const;

 private:
  friend class login;
  authorization(std::string task, std::vector<std::string> administrators)
      : task_(std::move(task)), administrators_(std::move(administrators)) {}
  std::string task_;
  std::vector<std::string> administrators_;
};

// How a lockout grows: after `free_failures` consecutive failures under one administrator's name
// (or under names that are not administrators) that name is locked for `first_delay`, doubled
// for each further failure, never longer than `max_delay`.
struct lockout_rules {
  std::int64_t free_failures = 3;
  std::chrono::seconds first_delay{30};
  std::chrono::seconds max_delay{3600};
};

class login {
 public:
  login(store::sqlite::connection& db, const password_hasher& hasher, const clock& clock,
        lockout_rules rules = {});

  // Checks `credentials` for `task` and returns the authorization, or throws:
  // - errc::locked_out, naming the names and saying when to retry, while the lockout of any name
  //   given runs (no password is checked);
  // - errc::auth_failed when the same administrator is given twice, when fewer distinct
  //   administrators are given than the task needs, or when a name or password is wrong (without
  //   saying which). Only wrong names or passwords count towards the lockout: the other refusals
  //   check no password and so cannot be used to guess one.
  // Each administrator has a lockout of their own: a wrong password counts for that
  // administrator only, and a right one resets their count. Names that are not administrators
  // all count in one shared lockout, so guessing names locks out no administrator; the messages
  // and the time taken are the same for a wrong name as for a wrong password. Every attempt is
  // audited as event "login" with the task, the names given and which were unknown or wrong,
  // never a password. The lockout state lives in kms.db and survives restarts; attempts are
  // serialized by the database's write lock.
  authorization authorize(std::string_view task, const std::vector<credential>& credentials);

  // How many distinct administrators `task` needs.
  std::int64_t required_for(std::string_view task);

  // How many distinct administrators the key-opening tasks need (the largest of their rows: Key
  // Managers made before they were kept equal may differ).
  std::int64_t key_threshold();

  // Sets how many administrators `task` needs (every key-opening task, when `task` is one).
  // `auth` must be for manage_policy_task. errc::bad_input when `required` is below 1 or above
  // the number of administrators.
  void set_policy(const authorization& auth, std::string_view task, std::int64_t required);

 private:
  struct attempt;
  struct verdict;
  std::vector<attempt> look_up(const std::vector<credential>& credentials);
  verdict judge(std::string_view task, std::vector<attempt>& attempts);
  void check_password(attempt& a);
  void count_failure(const attempt& a, std::chrono::sys_seconds now, verdict& v);

  store::sqlite::connection& db_;
  const password_hasher& hasher_;
  const clock& clock_;
  lockout_rules rules_;
};

}  // namespace arbor::km::auth
