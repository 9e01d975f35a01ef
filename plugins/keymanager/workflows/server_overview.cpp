#include "workflows/server_overview.hpp"

#include "auth/administrators.hpp"
#include "instance/interrupted_exports.hpp"
#include "instance/upgrade.hpp"
#include "store/audit_log.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "workflows/enrollment.hpp"

#include <algorithm>
#include <filesystem>

namespace arbor::km::workflows {
namespace {

std::string certificate_status(const std::vector<store::key_entry>& history) {
  if (history.empty()) return "no key history";
  return std::string(store::to_string(history.back().status));
}

std::vector<user_row> user_rows(key_manager& kms, std::size_t first, std::size_t max_rows) {
  store::key_history_repository keys(kms.db());
  std::vector<user_row> rows;
  const store::page slice{static_cast<std::int64_t>(first), static_cast<std::int64_t>(max_rows)};
  for (const auto& u : store::user_repository(kms.db()).list(slice)) {
    const auto history = keys.list_for_user(u.user_id);
    const bool revoked = !history.empty() && history.back().status == store::key_status::revoked;
    rows.push_back({u.alias, u.display_name, u.email, u.state, history.size(), certificate_status(history),
                    revoked && u.state == state_active});
  }
  return rows;
}

std::vector<resolved_export> resolved_exports(key_manager& kms) {
  constexpr std::chrono::days week{7};
  std::vector<resolved_export> out;
  for (const auto& entry :
       store::audit_log(kms.db()).events_since(interrupted_export_event, kms.clock().now() - week, 5))
    out.push_back({entry.at, entry.detail});
  return out;
}

// backups/ holds SQLite files: it is listed, never opened here.
std::vector<std::string> kept_master_keys(const store::data_directory& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir.backups(), ec))
    if (entry.path().filename().string().starts_with(kept_master_key_prefix)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

server_overview read_server_overview(const site& where, std::size_t first_user, std::size_t max_users,
                                     crypto::short_code_memo& codes) {
  auto kms = open(where);
  server_overview overview;
  overview.identity_subject = kms.certificate().subject();
  overview.short_code = crypto::grouped(codes.of(kms.certificate()));
  const auth::password_hasher hasher(where.argon2);
  auth::administrators admins(kms.db(), hasher, kms.clock());
  admins.ensure_initial_admin();
  overview.default_password_in_use = admins.default_password_in_use();
  overview.upgrade_due = kms.status() == key_manager::state::upgrade_needed;
  if (!overview.upgrade_due) {
    const auto holders = kms.vault().keyslot_holders();
    for (const auto& name : admins.names())
      if (std::find(holders.begin(), holders.end(), name) == holders.end()) overview.without_keyslot.push_back(name);
  }
  overview.resolved_exports = resolved_exports(kms);
  overview.kept_master_keys = kept_master_keys(kms.directory());
  overview.users_total = static_cast<std::size_t>(store::user_repository(kms.db()).count());
  overview.users = user_rows(kms, first_user, max_users);
  overview.pending = store::revocation_queue(kms.db()).list();
  return overview;
}

}  // namespace arbor::km::workflows
