#include "transfer/export_revocation.hpp"

#include <optional>

#include "common/failpoint.hpp"
#include "escrow/pending_retry.hpp"
#include "store/pending_revocations.hpp"

namespace arbor::km::transfer {
namespace {

// Certificate Services with the crash point tests use to kill an export after the CA answered
// but before the queue records the answers.
class failpoint_services final : public ca::certificate_services {
 public:
  explicit failpoint_services(ca::certificate_services& inner) : inner_(inner) {}

  ca::issued_certificate enroll(const std::string& csr_pem, const ca::enroll_request& request) override {
    return inner_.enroll(csr_pem, request);
  }
  ca::revoke_result revoke(const ca::revocation& request) override { return inner_.revoke(request); }
  std::vector<ca::revoke_result> revoke_all(const std::vector<ca::revocation>& requests) override {
    auto answers = inner_.revoke_all(requests);
    failpoint("export-during-revocation");
    return answers;
  }

 private:
  ca::certificate_services& inner_;
};

void add(revocation_tally& tally, selection_table& exported, const store::pending_revocation& item,
         const std::optional<error>& failure) {
  if (!exported.contains(item.user_id)) return;
  if (!failure) {
    ++tally.confirmed;
    return;
  }
  ++tally.pending;
  if (tally.reason.empty()) tally.reason = failure->what();
  exported.mark_pending(item.user_id);
}

}  // namespace

revocation_tally revoke_exported(store::sqlite::connection& db, ca::certificate_services* ca,
                                 const std::string& not_configured, selection_table& exported, std::int64_t now,
                                 std::size_t detail_limit) {
  revocation_tally tally;
  if (ca == nullptr) {
    const std::optional<error> failure = error(errc::ca_unreachable, not_configured);
    for (const auto& item : store::revocation_queue(db).list()) add(tally, exported, item, failure);
  } else {
    failpoint_services services(*ca);
    for (const auto& outcome : escrow::retry_pending_revocations(db, services, now))
      add(tally, exported, outcome.item, outcome.failure);
  }
  tally.users_pending = exported.pending_count();
  tally.aliases_pending = exported.pending_aliases(detail_limit);
  return tally;
}

}  // namespace arbor::km::transfer
