#include "workflows/earlier_exports.hpp"

#include <algorithm>
#include <set>

#include "common/utc_time.hpp"

namespace arbor::km::workflows {

earlier_exports find_earlier_exports(store::sqlite::connection& db, const user_choice& choice,
                                     std::string_view destination_sha256) {
  earlier_exports found;
  std::set<std::string> transfer_ids;
  auto lookup = db.prepare(
      "SELECT t.transfer_id FROM transfer_users x JOIN transfers t ON t.transfer_id = x.transfer_id "
      "WHERE x.user_id = ?1 AND x.in_file = 1 AND t.direction = 'export' AND t.peer_sha256 = ?2");
  for_each_covered(db, choice, [&](const store::user_record& user) {
    lookup.reset();
    lookup.bind(1, user.user_id).bind(2, destination_sha256);
    bool taken = false;
    while (lookup.step()) {
      taken = true;
      transfer_ids.insert(lookup.column_text(0));
    }
    if (!taken) return;
    ++found.users;
    found.aliases.push_back(user.alias);
  });
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

}  // namespace arbor::km::workflows
