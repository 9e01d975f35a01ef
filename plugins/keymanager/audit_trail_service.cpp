#include "audit_trail_service.hpp"

#include "wizards/sdk_error.hpp"

namespace arbor::km {
namespace {

sdk::audit_record to_record(const workflows::audit_entry& entry) {
  const bool succeeded = entry.outcome == workflows::audit_outcome::success;
  return {entry.at.time_since_epoch().count(), entry.actor, entry.event, succeeded, entry.detail};
}

std::vector<workflows::credential> to_credentials(const std::vector<sdk::credential>& who) {
  std::vector<workflows::credential> credentials;
  for (const sdk::credential& c : who) credentials.push_back({c.name, secret(c.password.view())});
  return credentials;
}

}  // namespace

sdk::result<std::size_t> audit_trail_service::credentials_required() {
  return wizards::guarded("counting the administrators the audit log needs", [&]() -> sdk::result<std::size_t> {
    return static_cast<std::size_t>(workflows::audit_readers_needed(env_.site));
  });
}

sdk::result<std::uint64_t> audit_trail_service::read(const std::vector<sdk::credential>& who,
                                                     const std::function<void(const sdk::audit_record&)>& visit) {
  return wizards::guarded("reading the audit log", [&]() -> sdk::result<std::uint64_t> {
    return workflows::read_audit_trail(env_.site, to_credentials(who), "through the arbor.audit-trail service",
                                       [&](const workflows::audit_entry& entry) { visit(to_record(entry)); });
  });
}

}  // namespace arbor::km
