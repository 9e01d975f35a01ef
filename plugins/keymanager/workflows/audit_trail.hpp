#pragma once
// Reading the whole audit log, for the audit trail the snap-in publishes to other plugins. It
// needs as many administrators as the password policy asks for read_audit_log_task, counts
// towards the lockout like any login, and is itself audited ("audit-log-read").
#include "store/audit_log.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace arbor::km::workflows {

/// The password-policy task that reading the audit log is checked against.
inline constexpr const char* read_audit_log_task = "read-audit-log";

using store::audit_entry;
using store::audit_outcome;

/// How many administrators reading the audit log needs. Opens the Key Manager of `where` (a new
/// one gets its initial administrator).
std::int64_t audit_readers_needed(const site& where);

/// Logs `who` in for read_audit_log_task, audits the read with `detail` (how it was read), then
/// hands `visit` every entry, oldest first, the read's own entry last. Returns how many it
/// visited. errc::auth_failed or errc::locked_out when the login is refused.
std::uint64_t read_audit_trail(const site& where, std::vector<credential> who, std::string_view detail,
                               const std::function<void(const audit_entry&)>& visit);

}  // namespace arbor::km::workflows
