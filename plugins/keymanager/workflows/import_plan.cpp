#include "workflows/import_plan.hpp"

#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "workflows/user_match.hpp"

namespace arbor::km::workflows {
namespace {

unknown_user listed(const transfer::user_record& incoming, const user_match& match) {
  unknown_user user{incoming.user_id, incoming.alias, incoming.email, {}};
  for (const auto& candidate : match.candidates) user.candidate_aliases.push_back(candidate.alias);
  return user;
}

}  // namespace

void refuse_if_already_recorded(store::transfer_log& log, std::string_view transfer_id) {
  const auto earlier = log.find(transfer_id);
  if (!earlier) return;
  if (earlier->direction == store::transfer_direction::export_users) {
    throw error(errc::conflict, "This server itself exported transfer " + std::string(transfer_id) + " on " +
                                    utc_text(earlier->at) + ": a server cannot import its own export.");
  }
  throw error(errc::conflict, "Transfer " + std::string(transfer_id) + " was already imported on " +
                                  utc_text(earlier->at) + " (file '" + earlier->file_name + "', " +
                                  std::to_string(earlier->users) + " users): it is not imported twice.");
}

import_plan plan_import(key_manager& kms, const accepted_source& source) {
  auto reader = import_reader(kms, source.file());
  reader.expect_source(source.sha256_hex());
  store::transfer_log log(kms.db());
  refuse_if_already_recorded(log, reader.preview().transfer_id);

  store::user_repository users(kms.db());
  import_counts counts;
  std::vector<unknown_user> unknown;
  auto file_facts = reader.read([&](transfer::user_record&& incoming) {
    ++counts.users;
    counts.keys += static_cast<std::int64_t>(incoming.keys.size());
    const auto match = match_user(users, incoming);
    switch (match.kind) {
      case match_kind::new_user: ++counts.new_users; break;
      case match_kind::known: ++counts.known_users; break;
      case match_kind::unknown:
        ++counts.unknown_users;
        if (unknown.size() < max_listed_unknown) unknown.push_back(listed(incoming, match));
        break;
    }
  });
  return import_plan{std::move(file_facts), counts, std::move(unknown)};
}

}  // namespace arbor::km::workflows
