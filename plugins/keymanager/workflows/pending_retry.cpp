#include "workflows/pending_retry.hpp"

#include <algorithm>

#include "store/key_history.hpp"

namespace arbor::km::workflows {
namespace {

ca::revocation_reason reason_of(const store::pending_revocation& item) {
  // A reason the queue holds was written from rfc5280_name; any other word is treated as the
  // RFC's catch-all rather than keeping the certificate valid.
  return ca::parse_rfc5280_name(item.reason).value_or(ca::revocation_reason::unspecified);
}

// Asks the CA for one batch and records its answers in one transaction.
std::vector<retried_revocation> retry_batch(store::sqlite::connection& db, ca::certificate_services& ca,
                                            std::chrono::sys_seconds now, std::vector<store::pending_revocation> batch) {
  std::vector<ca::revocation> requests;
  requests.reserve(batch.size());
  for (const store::pending_revocation& item : batch)
    requests.push_back({item.serial_decimal, item.authority_key_id, reason_of(item)});
  const std::vector<ca::revoke_result> answers = ca.revoke_all(requests);

  store::revocation_queue queue(db);
  std::vector<retried_revocation> outcomes;
  outcomes.reserve(batch.size());
  store::sqlite::transaction tx(db);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    store::pending_revocation& item = batch[i];
    if (answers.at(i).confirmed()) {
      queue.remove(item.id);
      store::key_history_repository(db).set_certificate_status(item.user_id, item.serial_decimal, item.issuer, store::key_status::revoked);
    } else {
      queue.record_attempt(item.id, answers[i].failure->what(), now);
    }
    outcomes.push_back({std::move(item), answers[i].failure});
  }
  tx.commit();
  return outcomes;
}

}  // namespace

void retry_pending_revocations(store::sqlite::connection& db, ca::certificate_services& ca, std::chrono::sys_seconds now,
                               const revocation_filter& which, const revocation_outcome& each,
                               std::size_t batch_size) {
  store::revocation_queue queue(db);
  std::int64_t last_seen = 0;
  for (;;) {
    auto batch = queue.list_after(last_seen, std::max<std::size_t>(batch_size, 1));
    if (batch.empty()) return;
    last_seen = batch.back().id;
    std::erase_if(batch, [&](const store::pending_revocation& item) { return !which(item); });
    if (batch.empty()) continue;
    for (const retried_revocation& outcome : retry_batch(db, ca, now, std::move(batch))) each(outcome);
  }
}

}  // namespace arbor::km::workflows
