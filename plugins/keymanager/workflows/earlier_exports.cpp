#include "workflows/earlier_exports.hpp"

#include <algorithm>
#include <set>

#include "common/utc_time.hpp"

namespace arbor::km::workflows {

earlier_exports find_earlier_exports(user_selection& selected,
                                     std::string_view destination_sha256) {
  auto& db = selected.db();
  earlier_exports found;
  std::set<std::string> transfer_ids;
  auto taken = db.prepare(
      "SELECT s.user_id, s.alias, t.transfer_id FROM " + std::string(store::user_selection::table) +
      " s JOIN transfer_users x ON x.user_id = s.user_id JOIN transfers t ON t.transfer_id = x.transfer_id "
      "WHERE x.in_file = 1 AND t.direction = 'export' AND t.peer_sha256 = ?1 ORDER BY s.user_id");
  taken.bind(1, destination_sha256);
  std::string previous;
  while (taken.step()) {
    transfer_ids.insert(taken.column_text(2));
    if (std::string user = taken.column_text(0); user != previous) {
      previous = std::move(user);
      ++found.users;
      found.aliases.push_back(taken.column_text(1));
    }
  }
  std::sort(found.aliases.begin(), found.aliases.end());
  if (found.aliases.size() > earlier_exports::aliases_named) found.aliases.resize(earlier_exports::aliases_named);
  store::transfer_log log(db);
  for (const auto& id : transfer_ids) found.transfers.push_back(*log.find(id));
  std::sort(found.transfers.begin(), found.transfers.end(),
            [](const auto& a, const auto& b) { return a.at < b.at; });
  return found;
}

std::string describe(const earlier_exports& found) {
  std::string users;
  for (const auto& alias : found.aliases) users += (users.empty() ? "" : ", ") + alias;
  if (found.users > static_cast<std::int64_t>(found.aliases.size())) users += ", ...";
  std::string transfers;
  for (const auto& t : found.transfers)
    transfers += (transfers.empty() ? "" : ", ") + t.transfer_id + " on " + utc_text(t.at);
  return users + " (" + std::to_string(found.users) + " users) were already exported to this server (transfer " +
         transfers + ") and are back here from a restored backup";
}

void refuse_earlier_exports(user_selection& selected, std::string_view destination_sha256, bool export_again) {
  if (export_again) return;
  const auto found = find_earlier_exports(selected, destination_sha256);
  if (found.users == 0) return;
  throw earlier_exports_refused(errc::conflict, describe(found) + ". Nothing was exported");
}

}  // namespace arbor::km::workflows
