#include "workflows/import_plan.hpp"

#include <algorithm>
#include <chrono>
#include <system_error>

#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "workflows/user_match.hpp"

namespace arbor::km::workflows {
namespace {

bool has_control_character(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

unknown_user listed(const transfer::user_record& incoming, const user_match& match) {
  unknown_user user{incoming.user_id, incoming.alias, incoming.email, {}};
  for (const auto& candidate : match.candidates) user.candidate_aliases.push_back(candidate.alias);
  return user;
}

}  // namespace

std::filesystem::path import_file(const store::data_directory& dir, std::string_view name) {
  if (name.empty()) throw error(errc::bad_input, "Type the name of the transfer file in the KMSData directory.");
  if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos || name == "." ||
      name == ".." || has_control_character(name)) {
    throw error(errc::bad_input, "'" + std::string(name) +
                                     "' is not a plain file name: move the transfer file into the KMSData directory (" +
                                     dir.root().string() + ") and type its name only.");
  }
  const auto path = dir.root() / name;
  std::error_code unreadable;  // a name too long for the file system, say: there is no such file either
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, unreadable))) {
    throw error(errc::bad_input, "There is no file '" + std::string(name) + "' in the KMSData directory (" +
                                     dir.root().string() + "): move the transfer file there first.");
  }
  return path;
}

transfer::transfer_reader import_reader(key_manager& kms, const std::filesystem::path& file) {
  const km::clock& clock = kms.clock();
  return transfer::transfer_reader(file, kms.identity(), [&clock] {
    return std::chrono::system_clock::time_point(std::chrono::seconds(clock.now()));
  });
}

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

import_plan plan_import(key_manager& kms, const std::filesystem::path& file, const std::string& accepted_source_sha256) {
  auto reader = import_reader(kms, file);
  reader.expect_source(accepted_source_sha256);
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
