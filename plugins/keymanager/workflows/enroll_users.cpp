#include "workflows/enroll_users.hpp"

#include <utility>

#include "common/km_error.hpp"
#include "workflows/cancellation.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

std::string aliases_of(const std::vector<invitation>& invitations) {
  std::string aliases;
  for (const invitation& invited : invitations) aliases += (aliases.empty() ? "" : ", ") + invited.alias;
  return aliases;
}

}  // namespace

enroll_users_request::enroll_users_request(std::vector<new_user> users, std::string alias, std::string actor)
    : users_(std::move(users)), alias_(std::move(alias)), actor_(std::move(actor)) {}

enroll_users_request enroll_users_request::add(std::vector<new_user> users, std::string actor) {
  if (users.empty()) throw error(errc::bad_input, "There are no users to add.");
  return {std::move(users), {}, std::move(actor)};
}

enroll_users_request enroll_users_request::reenroll(std::string alias, std::string actor) {
  if (alias.empty()) throw error(errc::bad_input, "Type the alias of the user to re-enroll.");
  return {{}, std::move(alias), std::move(actor)};
}

enroll_users_result enroll_users(key_manager& kms, const enroll_users_request& request, progress& progress) {
  progress.phase("Enrolling users", 1);
  stop_if_cancelled(progress);
  std::vector<invitation> invitations;
  if (request.reenrolls())
    invitations.push_back(reenroll_user(kms, request.alias()));
  else
    invitations = add_users(kms, request.users());
  progress.step("tokens issued");
  record_audit(kms, request.actor(), request.reenrolls() ? "user-re-enrolled" : "users-enrolled",
                aliases_of(invitations), audit_outcome::success);
  return {std::move(invitations), read_enrollment_settings(kms.db()).user_message};
}

}  // namespace arbor::km::workflows
