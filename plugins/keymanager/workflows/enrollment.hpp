#pragma once
// Inviting users to enroll, each step one transaction: adding users (or asking for a new key for
// an existing one) with a one-time enrollment token each. Enroll Users (workflows/enroll_users)
// runs these; the user redeems the token with Complete Enrollment (workflows/complete_enrollment).
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"
#include "workflows/new_user.hpp"
#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

/// User states as kms.db stores them: added but never enrolled (no key history), or with keys.
inline constexpr std::string_view state_pending_enrollment = "pending-enrollment";
inline constexpr std::string_view state_active = "active";

/// A one-time token for one user. `token` is the only clear copy: show it once, then drop it.
struct invitation {
  std::string alias;
  std::string user_id;
  secret token;
  std::chrono::sys_seconds expires_at;
};

/// Adds `users` in state pending-enrollment, each with an enrollment token valid for the
/// Enrollment tab's lifetime. One transaction: when one user cannot be added (errc::conflict for
/// an alias that exists, named with its origin) none is. Invitations come back in the order of
/// `users`.
std::vector<invitation> add_users(key_manager& kms, std::span<const new_user> users);

/// A new enrollment token for an existing user, so they get another key. Their history is kept
/// and the new key is added after it. errc::not_found when there is no user `alias`.
invitation reenroll_user(key_manager& kms, std::string_view alias);

}  // namespace arbor::km::workflows
