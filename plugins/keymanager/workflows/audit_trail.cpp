#include "workflows/audit_trail.hpp"

#include "auth/administrators.hpp"
#include "workflows/task_audit.hpp"

#include <utility>

namespace arbor::km::workflows {
namespace {

/// The Key Manager with its administrators, as every task sees it (a new one gets the initial one).
key_manager opened(const site& where) {
  auto kms = open(where);
  const auth::password_hasher hasher(where.argon2);
  auth::administrators(kms.db(), hasher, kms.clock()).ensure_initial_admin();
  return kms;
}

}  // namespace

std::int64_t audit_readers_needed(const site& where) {
  auto kms = opened(where);
  return administrators_needed(kms, where, read_audit_log_task);
}

std::uint64_t read_audit_trail(const site& where, std::vector<credential> who, std::string_view detail,
                               const std::function<void(const audit_entry&)>& visit) {
  auto kms = opened(where);
  const authorization granted = sign_in(kms, where, {read_audit_log_task, std::move(who)});
  record_audit(kms, granted.actor(), "audit-log-read", detail, audit_outcome::success);
  std::uint64_t visited = 0;
  store::audit_log(kms.db()).for_each([&](const audit_entry& entry) {
    visit(entry);
    ++visited;
  });
  return visited;
}

}  // namespace arbor::km::workflows
