#include "escrow/pending_retry.hpp"

#include "escrow/key_status_updates.hpp"

namespace arbor::km::escrow {
namespace {

ca::revocation_reason reason_of(const store::pending_revocation& item) {
  // A reason the queue holds was written from rfc5280_name; any other word is treated as the
  // RFC's catch-all rather than keeping the certificate valid.
  return ca::parse_rfc5280_name(item.reason).value_or(ca::revocation_reason::unspecified);
}

}  // namespace

std::vector<retried_revocation> retry_pending_revocations(store::sqlite::connection& db, ca::certificate_services& ca,
                                                          std::int64_t now) {
  store::revocation_queue queue(db);
  const std::vector<store::pending_revocation> pending = queue.list();
  std::vector<ca::revocation> requests;
  for (const store::pending_revocation& item : pending)
    requests.push_back({item.serial_decimal, item.authority_key_id, reason_of(item)});
  const std::vector<ca::revoke_result> answers = ca.revoke_all(requests);

  std::vector<retried_revocation> outcomes;
  store::sqlite::transaction tx(db);
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const store::pending_revocation& item = pending[i];
    if (answers.at(i).confirmed()) {
      queue.remove(item.id);
      record_key_status(db, item.user_id, item.serial_decimal, item.issuer, store::key_status::revoked);
    } else {
      queue.record_attempt(item.id, answers[i].failure->what(), now);
    }
    outcomes.push_back({item, answers[i].failure});
  }
  tx.commit();
  return outcomes;
}

}  // namespace arbor::km::escrow
