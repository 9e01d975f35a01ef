#pragma once
// A Key Manager with users at chosen stages of their enrollment, for the tests of the escrow
// tasks (enroll, complete enrollment, recover, redeem, revoke, retry).
#include <optional>
#include <string>
#include <vector>

#include "store/audit_log.hpp"
#include "workflow_fixture.hpp"
#include "workflows/complete_enrollment.hpp"
#include "workflows/enrollment.hpp"
#include "workflows/progress.hpp"
#include "workflows/revocation.hpp"

namespace arbor::km::testing {

/// A progress whose operator has already asked to stop.
class cancelled_progress final : public workflows::progress {
 public:
  void phase(std::string_view, std::uint64_t) override {}
  void step(std::string_view) override {}
  bool cancelled() const override { return true; }
};

inline const secret user_password("user-chosen-pw");

struct escrow_task_fixture : escrow_fixture {
  workflows::silent_progress progress;

  workflows::invitation invite(const std::string& alias, const std::string& display_name = {}) {
    std::vector<workflows::new_user> users{{alias, display_name, alias + "@example.org"}};
    return std::move(workflows::add_users(kms, users).front());
  }
  workflows::enrollment_result issue_key(const workflows::invitation& invited) {
    return workflows::issue_user_key(kms, ca, {invited.alias, invited.token}, workflows::pkcs12_password(user_password));
  }
  // Enrolls `alias` `keys` times and returns the user id.
  std::string enrolled(const std::string& alias, int keys = 1) {
    auto invited = invite(alias);
    for (int i = 0; i < keys; ++i) {
      if (i > 0) invited = workflows::reenroll_user(kms, alias);
      issue_key(invited);
    }
    return invited.user_id;
  }
  // The newest audit entry with `event`, if any.
  std::optional<store::audit_entry> audited(const std::string& event) {
    const auto entries = store::audit_log(kms.db()).events_since(event, std::chrono::sys_seconds{}, 1000);
    if (entries.empty()) return std::nullopt;
    return entries.front();
  }
};

// An escrow task fixture that revokes keys directly (workflows/revocation.hpp), the step
// Revoke Certificates and Retry Pending Revocations share.
struct revoking_fixture : escrow_task_fixture {
  std::vector<store::key_entry> history(const std::string& user_id) {
    return store::key_history_repository(kms.db()).list_for_user(user_id);
  }
  workflows::revocation_subject subject(const std::string& alias, const std::string& user_id,
                                        workflows::key_selection which) {
    return {alias, user_id, workflows::keys_to_revoke(history(user_id), which)};
  }
  std::vector<workflows::user_revocation> revoke(std::vector<workflows::revocation_subject> subjects) {
    return workflows::revoke_keys(kms.db(), ca, subjects, ca::revocation_reason::key_compromise, clock.now());
  }
};

inline auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

}  // namespace arbor::km::testing
