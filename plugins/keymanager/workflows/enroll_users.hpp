#pragma once
// Enroll Users: adds new users (typed in, or from a CSV file) or gives an existing user a new
// enrollment so they get another key; each gets a one-time enrollment token, returned once.
#include <string>
#include <vector>

#include "instance/key_manager.hpp"
#include "workflows/enrollment.hpp"
#include "workflows/new_user.hpp"
#include "workflows/progress.hpp"

namespace arbor::km::workflows {

/// Whom to enroll: new users, or one existing user who gets another key.
class enroll_users_request {
 public:
  /// errc::bad_input when `users` is empty.
  static enroll_users_request add(std::vector<new_user> users, std::string actor);
  /// errc::bad_input when `alias` is empty.
  static enroll_users_request reenroll(std::string alias, std::string actor);

  bool reenrolls() const noexcept { return users_.empty(); }
  const std::vector<new_user>& users() const noexcept { return users_; }  // empty when re-enrolling
  const std::string& alias() const noexcept { return alias_; }             // who is re-enrolled
  const std::string& actor() const noexcept { return actor_; }            // the administrators, as audited

 private:
  enroll_users_request(std::vector<new_user> users, std::string alias, std::string actor);

  std::vector<new_user> users_;
  std::string alias_;
  std::string actor_;
};

struct enroll_users_result {
  std::vector<invitation> invitations;  // in the order of the request's users
  std::string user_message;             // the Enrollment tab's message to users
};

/// Adds the users (or re-enrolls one) in one transaction, as add_users and reenroll_user do,
/// and audits "users-enrolled" (or "user-re-enrolled") with their aliases. Cancelled before
/// anything changes when `progress` asks.
enroll_users_result enroll_users(key_manager& kms, const enroll_users_request& request, progress& progress);

}  // namespace arbor::km::workflows
