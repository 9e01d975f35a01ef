#include "audit_trail_service.hpp"

#include "auth/administrators.hpp"
#include "auth/login.hpp"
#include "instance/key_manager.hpp"
#include "store/audit_log.hpp"
#include "wizards/sdk_error.hpp"

namespace arbor::km::services {
namespace {

sdk::audit_record to_record(const store::audit_entry& entry) {
  return {entry.at, entry.actor, entry.event, entry.outcome == store::audit_outcome::success, entry.detail};
}

std::vector<auth::credential> to_credentials(const std::vector<sdk::credential>& who) {
  std::vector<auth::credential> credentials;
  for (const sdk::credential& c : who) credentials.push_back({c.name, secret(c.password.view())});
  return credentials;
}

/// The Key Manager with its administrators, as every task sees it (a new one gets the initial one).
key_manager opened(const wizards::environment& env, const auth::password_hasher& hasher) {
  auto kms = key_manager::open(env.data_dir, env.identity, *env.clock);
  auth::administrators(kms.db(), hasher, *env.clock).ensure_initial_admin();
  return kms;
}

}  // namespace

sdk::result<std::size_t> audit_trail_service::credentials_required() {
  return wizards::guarded("counting the administrators the audit log needs", [&]() -> sdk::result<std::size_t> {
    auth::password_hasher hasher(env_.argon2);
    auto kms = opened(env_, hasher);
    return static_cast<std::size_t>(auth::login(kms.db(), hasher, *env_.clock).required_for(read_audit_log_task));
  });
}

sdk::result<std::uint64_t> audit_trail_service::read(const std::vector<sdk::credential>& who,
                                                     const std::function<void(const sdk::audit_record&)>& visit) {
  return wizards::guarded("reading the audit log", [&]() -> sdk::result<std::uint64_t> {
    auth::password_hasher hasher(env_.argon2);
    auto kms = opened(env_, hasher);
    const auth::authorization granted =
        auth::login(kms.db(), hasher, *env_.clock).authorize(read_audit_log_task, to_credentials(who));
    store::audit_log log(kms.db());
    log.append({0, env_.clock->now(), granted.actor(), "audit-log-read", store::audit_outcome::success,
                "through the arbor.audit-trail service"});
    std::uint64_t visited = 0;
    log.for_each([&](const store::audit_entry& entry) {
      visit(to_record(entry));
      ++visited;
    });
    return visited;
  });
}

}  // namespace arbor::km::services
