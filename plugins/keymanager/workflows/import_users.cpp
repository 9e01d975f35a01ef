#include "workflows/import_users.hpp"

#include <algorithm>

#include "common/failpoint.hpp"
#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "store/audit_log.hpp"
#include "store/backup.hpp"
#include "store/key_history.hpp"
#include "store/sqlite.hpp"
#include "store/transfer_lock.hpp"
#include "store/transfers.hpp"
#include "store/users.hpp"
#include "transfer/two_stage.hpp"
#include "workflows/key_merge.hpp"
#include "workflows/task_audit.hpp"
#include "workflows/user_match.hpp"

namespace arbor::km::workflows {
namespace {

// Users read, decrypted, verified and checked on the reading thread (transfer/two_stage.hpp)
// while this thread stores earlier ones; a few kilobytes each.
constexpr std::size_t users_in_flight = 64;

constexpr std::string_view refused_event = "users-import-refused";
constexpr std::string_view imported_event = "users-imported";

// errc::conflict, saying when, if this server has already imported (or itself exported) the
// transfer `transfer_id`: the same file must never land twice.
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

unknown_user listed(const transfer::user_record& incoming, const user_match& match) {
  unknown_user user{incoming.user_id, incoming.alias, incoming.email, {}};
  for (const auto& candidate : match.candidates) user.candidate_aliases.push_back(candidate.alias);
  return user;
}

// The users of the import's transaction and what happened to them so far; made once the
// transaction is open (its history appender appends in it).
class import_pass {
 public:
  import_pass(key_manager& kms, const opened_vault& keys, const import_request& request, import_result& result)
      : kms_(kms), keys_(keys), request_(request), result_(result), users_(kms.db()), history_(kms.db()) {}

  void take(checked_user& checked) {
    const transfer::user_record& incoming = checked.user;
    auto match = match_user(users_, incoming);
    switch (match.kind) {
      case match_kind::new_user:
        users_.add({incoming.user_id, incoming.alias, incoming.display_name, incoming.email, incoming.state,
                    kms_.clock().now()});
        merge_into(incoming.user_id, checked);
        ++result_.imported;
        break;
      case match_kind::known:
        merge_into(incoming.user_id, checked);
        ++result_.merged;
        break;
      case match_kind::unknown: resolve(checked, match); break;
    }
  }

 private:
  void merge_into(const std::string& owner_id, checked_user& incoming) {
    const auto keys = merge_keys(keys_.user_keys(), history_, owner_id, incoming.keys);
    result_.keys_imported += keys.added;
    result_.keys_already_present += keys.already_present;
  }

  void resolve(checked_user& checked, const user_match& match) {
    const transfer::user_record& incoming = checked.user;
    const auto decision = request_.resolutions.find(incoming.user_id);
    if (decision == request_.resolutions.end()) {
      ++result_.not_imported;
      if (result_.not_imported_aliases.size() < max_listed_unknown) result_.not_imported_aliases.push_back(incoming.alias);
      return;
    }
    const auto target = std::find_if(match.candidates.begin(), match.candidates.end(),
                                     [&](const store::user_record& c) { return c.alias == decision->second; });
    if (target == match.candidates.end()) {
      throw error(errc::bad_input, "User " + incoming.alias + " (" + incoming.user_id +
                                       ") cannot be merged into '" + decision->second +
                                       "': that user does not share their alias or e-mail address. Nothing was imported.");
    }
    merge_into(target->user_id, checked);
    ++result_.merged;
  }

  key_manager& kms_;
  const opened_vault& keys_;
  const import_request& request_;
  import_result& result_;
  store::user_repository users_;
  store::history_appender history_;
};

void record_and_audit(key_manager& kms, const import_request& request, const transfer::transfer_summary& file,
                      const import_result& result) {
  store::transfer_log(kms.db()).record({file.trailer.transfer_id, store::transfer_direction::import_users,
                                        file.source.sha256, request.source.file().name(), kms.clock().now(),
                                        result.imported + result.merged, result.keys_imported});
  const std::string detail = "transfer " + file.trailer.transfer_id + " from " + file.source.certificate.subject() +
                             ": " + std::to_string(result.imported) + " imported, " + std::to_string(result.merged) +
                             " merged, " + std::to_string(result.keys_imported) + " keys, " +
                             std::to_string(result.not_imported) + " not imported";
  record_audit(kms, request.actor, imported_event, detail, audit_outcome::success);
}

import_result run_import(key_manager& kms, const opened_vault& keys, const import_request& request, progress& progress) {
  progress.phase("Importing users", static_cast<std::uint64_t>(request.users));
  const auto lock = store::transfer_lock::acquire(kms.directory().root(), "import", kms.clock().now());
  const auto reader = request.source.reader(kms, keys);
  const std::string transfer_id = reader.preview().transfer_id;
  if (!request.expected_transfer_id.empty() && transfer_id != request.expected_transfer_id) {
    throw error(errc::conflict, "The file '" + request.source.file().name() +
                                    "' changed since it was checked (it now holds another transfer): start the import again.");
  }
  store::transfer_log log(kms.db());
  refuse_if_already_recorded(log, transfer_id);

  import_result result;
  result.transfer_id = transfer_id;
  result.backup = store::back_up(kms.db(), kms.directory(), kms.clock().now());
  failpoint("import-after-backup");

  // Most of the import's memory: 51.5 MiB at a million users (bench/import).
  store::sqlite::use_bulk_page_cache(kms.db(), 32);
  store::sqlite::transaction tx(kms.db());
  refuse_if_already_recorded(log, transfer_id);
  import_pass pass(kms, keys, request, result);
  crypto::pkcs8_decoder decoder;  // used by the reading thread only
  using reading = transfer::two_stage<checked_user, transfer::transfer_summary>;
  reading stages(
      [&](const reading::emit& emit) {
        return reader.read([&](transfer::user_record&& incoming) { emit(check_user(decoder, std::move(incoming))); });
      },
      users_in_flight);
  bool first = true;
  const auto file = stages.run([&](checked_user& incoming) {
    pass.take(incoming);
    if (first) failpoint("import-mid-transaction");
    first = false;
    progress.step(incoming.user.alias);
    // Inside the transaction: a cancel rolls everything back.
    if (progress.cancelled()) throw error(errc::cancelled, "Cancelled: nothing was changed.");
  });
  record_and_audit(kms, request, file, result);
  tx.commit();
  return result;
}

}  // namespace

import_source preview_import(key_manager& kms, const opened_vault& keys, std::string_view actor,
                             std::string_view file_name) {
  return failure_audited(kms, actor, refused_event, file_name,
                          [&] { return import_source(kms, keys, import_file(kms.directory(), file_name)); });
}

accepted_source accept_source(key_manager& kms, std::string_view actor, const import_source& source,
                              std::string_view typed, const thumbprint_words& words) {
  return failure_audited(kms, actor, refused_event, source.file().name(),
                          [&] { return accepted_source(source, typed, words); });
}

import_plan plan_import(key_manager& kms, const opened_vault& keys, const accepted_source& source) {
  const auto reader = source.reader(kms, keys);
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

import_result import_users(key_manager& kms, const opened_vault& keys, const import_request& request,
                           progress& progress) {
  return failure_audited(kms, request.actor, imported_event, request.source.file().name(),
                          [&] { return run_import(kms, keys, request, progress); });
}

}  // namespace arbor::km::workflows
