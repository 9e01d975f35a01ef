#include "details_pane.hpp"

#include "common/utc_time.hpp"

#include <algorithm>
#include <string>

namespace arbor::km {
namespace {

// Which server this is, without a login: the certificate is public, and the short code is what
// the administrator of another server is read over the telephone. The code comes first: it is
// short, and the subject is the one to cut where the pane is narrow. Its one row is on the first
// page of rows, like every table's first row.
sdk::table identity_table(const workflows::server_overview& overview, sdk::row_window window) {
  sdk::table t{"Server identity", {{"short_code", "Short code"}, {"subject", "Subject"}}, {}, 1};
  if (window.first == 0 && window.max_rows > 0) t.rows.push_back({overview.short_code, overview.identity_subject});
  return t;
}

sdk::table users_table(const workflows::server_overview& overview) {
  sdk::table t{users_table_title,
               {{users_key_column, "User"}, {"name", "Name"}, {"email", "E-mail"}, {"state", "State"},
                {"keys", "Keys in history"}, {"certificate", "Certificate status"}},
               {},
               overview.users_total};
  for (const auto& u : overview.users)
    t.rows.push_back({u.alias, u.display_name, u.email, u.state, std::to_string(u.keys),
                      u.needs_enrollment ? u.certificate_status + ": re-enroll" : u.certificate_status});
  return t;
}

sdk::table revocations_table(const std::vector<workflows::pending_revocation>& pending, sdk::row_window window) {
  sdk::table t{"Pending revocations",
               {{"serial", "Serial"}, {"user", "User"}, {"reason", "Reason"}, {"attempts", "Attempts"},
                {"last_error", "Last error"}, {"queued", "Queued"}},
               {},
               pending.size()};
  for (std::size_t i = window.first; i < pending.size() && t.rows.size() < window.max_rows; ++i) {
    const auto& p = pending[i];
    t.rows.push_back({p.serial_hex, p.user_alias, p.reason, std::to_string(p.attempts), p.last_error,
                      utc_text(p.queued_at)});
  }
  return t;
}

}  // namespace

sdk::details_view details_pane(const workflows::server_overview& overview, sdk::row_window window) {
  sdk::details_view view;
  if (overview.default_password_in_use)
    view.notices.push_back("The initial password 'password' is still in use: change it under "
                           "Properties > Administrators before any task that takes a backup (Export, Import, "
                           "Restore, Back Up): a backup taken now opens every key, later ones too, with it.");
  if (overview.upgrade_due)
    view.notices.push_back("This Key Manager still keeps its keys under master.key: the first administrator to "
                           "log in to any task upgrades it to keyslots (a backup is taken first; master.key is "
                           "then removed, and older backups need a copy of it).");
  for (const auto& kept : overview.kept_master_keys)
    view.notices.push_back("backups/" + kept + " opens every key of the backups taken before the upgrade to keyslots: "
                           "keep it apart from them, or delete it together with them.");
  if (!overview.without_keyslot.empty()) {
    std::string names;
    for (const auto& n : overview.without_keyslot) names += (names.empty() ? "" : ", ") + n;
    view.notices.push_back("No keyslot yet for " + names +
                           ": they cannot help open keys until they log in to a task that opens keys together "
                           "with administrators who have one, or an administrator with one sets their password "
                           "under Properties > Administrators.");
  }
  for (const auto& resolved : overview.resolved_exports)
    view.notices.push_back(utc_text(resolved.at) + ": " + resolved.detail);
  view.tables.push_back(identity_table(overview, window));
  view.tables.push_back(users_table(overview));
  auto revocations = revocations_table(overview.pending, window);
  if (revocations.total_rows > 0)
    view.notices.push_back(std::to_string(revocations.total_rows) +
                           " revocations wait for Certificate Services: run Retry Pending Revocations.");
  view.tables.push_back(std::move(revocations));
  const bool re_enroll = std::any_of(overview.users.begin(), overview.users.end(),
                                     [](const workflows::user_row& u) { return u.needs_enrollment; });
  if (re_enroll)
    view.notices.push_back("Users marked 're-enroll' are active but their newest certificate is revoked (the server "
                           "that exported them revoked it): run Enroll Users for them so they get a new one.");
  return view;
}

}  // namespace arbor::km
