#include "workflows/revocation.hpp"

#include <algorithm>

#include "store/key_history.hpp"
#include "store/pending_revocations.hpp"

namespace arbor::km::workflows {
namespace {

bool still_valid(const store::key_entry& entry) { return entry.status == store::key_status::valid; }

store::pending_revocation queue_item(const revocation_subject& subject, const store::key_entry& key,
                                     ca::revocation_reason reason, std::chrono::sys_seconds now) {
  store::pending_revocation item;
  item.serial_decimal = key.serial_decimal;
  item.serial_hex = key.serial_hex;
  item.authority_key_id = key.authority_key_id;
  item.issuer = key.issuer;
  item.user_alias = subject.user_alias;
  item.user_id = subject.user_id;
  item.reason = std::string(ca::rfc5280_name(reason));
  item.queued_at = now;
  return item;
}

// Writes what the CA answered for one key.
void record(store::sqlite::connection& db, const revocation_subject& subject, const store::key_entry& key,
            const ca::revoke_result& answer, std::chrono::sys_seconds now) {
  if (answer.confirmed()) {
    store::key_history_repository(db).set_certificate_status(subject.user_id, key.serial_decimal, key.issuer, store::key_status::revoked);
    return;
  }
  store::revocation_queue queue(db);
  const std::int64_t id = queue.enqueue(queue_item(subject, key, answer.request.reason, now));
  queue.record_attempt(id, answer.failure->what(), now);
  store::key_history_repository(db).set_certificate_status(subject.user_id, key.serial_decimal, key.issuer, store::key_status::revocation_pending);
}

}  // namespace

std::size_t user_revocation::confirmed_count() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(keys.begin(), keys.end(), [](const key_revocation& k) { return k.confirmed(); }));
}

std::vector<store::key_entry> keys_to_revoke(const std::vector<store::key_entry>& history, key_selection which) {
  if (which == key_selection::current) {
    if (history.empty() || !still_valid(history.back())) return {};
    return {history.back()};
  }
  std::vector<store::key_entry> valid;
  std::copy_if(history.begin(), history.end(), std::back_inserter(valid), still_valid);
  return valid;
}

std::vector<user_revocation> revoke_keys(store::sqlite::connection& db, ca::certificate_services& ca,
                                         std::span<const revocation_subject> subjects, ca::revocation_reason reason,
                                         std::chrono::sys_seconds now) {
  std::vector<ca::revocation> requests;
  for (const revocation_subject& subject : subjects)
    for (const store::key_entry& key : subject.keys) requests.push_back({key.serial_decimal, key.authority_key_id, reason});
  const std::vector<ca::revoke_result> answers = ca.revoke_all(requests);

  std::vector<user_revocation> outcomes;
  std::size_t next = 0;
  store::sqlite::transaction tx(db);
  for (const revocation_subject& subject : subjects) {
    user_revocation outcome{subject.user_alias, subject.user_id, {}};
    for (const store::key_entry& key : subject.keys) {
      const ca::revoke_result& answer = answers.at(next++);
      record(db, subject, key, answer, now);
      outcome.keys.push_back({key.key_id, key.serial_hex, answer.failure});
    }
    outcomes.push_back(std::move(outcome));
  }
  tx.commit();
  return outcomes;
}

}  // namespace arbor::km::workflows
