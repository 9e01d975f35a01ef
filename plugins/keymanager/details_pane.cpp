#include "details_pane.hpp"

#include "instance/interrupted_exports.hpp"
#include "store/audit_log.hpp"
#include "store/key_history.hpp"
#include "store/pending_revocations.hpp"
#include "store/users.hpp"
#include "common/utc_time.hpp"

#include <string>

namespace arbor::km::views {
namespace {

std::string certificate_status(const std::vector<store::key_entry>& history) {
  if (history.empty()) return "no key history";
  return std::string(store::to_string(history.back().status));
}

sdk::table users_table(key_manager& kms, sdk::row_window window) {
  store::user_repository users(kms.db());
  store::key_history_repository keys(kms.db());
  sdk::table t{"Users",
               {{"user", "User"}, {"name", "Name"}, {"email", "E-mail"}, {"state", "State"},
                {"keys", "Keys in history"}, {"certificate", "Certificate status"}},
               {},
               static_cast<std::size_t>(users.count())};
  const store::page slice{static_cast<std::int64_t>(window.first), static_cast<std::int64_t>(window.max_rows)};
  for (const auto& u : users.list(slice)) {
    const auto history = keys.list_for_user(u.user_id);
    t.rows.push_back({u.alias, u.display_name, u.email, u.state, std::to_string(history.size()),
                      certificate_status(history)});
  }
  return t;
}

sdk::table revocations_table(key_manager& kms, sdk::row_window window) {
  store::revocation_queue queue(kms.db());
  const auto pending = queue.list();
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

// What the Key Manager resolved of interrupted exports in the last week (interrupted_exports.hpp):
// the operator who ran the export may not be the one who opened the Key Manager next.
void add_resolved_exports(key_manager& kms, std::vector<std::string>& notices) {
  constexpr std::int64_t week_s = 7 * 24 * 3600;
  for (const auto& entry :
       store::audit_log(kms.db()).events_since(interrupted_export_event, kms.clock().now() - week_s, 5))
    notices.push_back(utc_text(entry.at) + ": " + entry.detail);
}

}  // namespace

sdk::details_view server_details(key_manager& kms, bool default_password_in_use, sdk::row_window window) {
  sdk::details_view view;
  if (default_password_in_use)
    view.notices.push_back("The initial password 'password' is still in use: change it under "
                           "Properties > Administrators.");
  add_resolved_exports(kms, view.notices);
  view.tables.push_back(users_table(kms, window));
  auto revocations = revocations_table(kms, window);
  if (revocations.total_rows > 0)
    view.notices.push_back(std::to_string(revocations.total_rows) +
                           " revocations wait for Certificate Services: run Retry Pending Revocations.");
  view.tables.push_back(std::move(revocations));
  return view;
}

}  // namespace arbor::km::views
