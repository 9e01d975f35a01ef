#include "workflows/export_revocation.hpp"

#include "common/failpoint.hpp"
#include "workflows/pending_retry.hpp"

namespace arbor::km::workflows {
namespace {

// Certificate Services with the crash point tests use to kill an export after the CA answered
// but before the queue records the answers.
class failpoint_services final : public ca::certificate_services {
 public:
  explicit failpoint_services(ca::certificate_services& inner) : inner_(inner) {}

  crypto::certificate enroll(const std::string& csr_pem, const ca::enroll_request& request) override {
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

}  // namespace

revocation_tally revoke_exported(store::sqlite::connection& db, ca::certificate_services* ca,
                                 const std::string& not_configured, store::user_selection& exported, std::int64_t queued,
                                 std::int64_t now, std::size_t detail_limit) {
  revocation_tally tally;
  if (ca == nullptr) {
    tally.pending = queued;
    if (queued != 0) tally.reason = not_configured;
  } else {
    failpoint_services services(*ca);
    workflows::retry_pending_revocations(
        db, services, now, [&](const store::pending_revocation& item) { return exported.contains(item.user_id); },
        [&](const workflows::retried_revocation& outcome) {
          if (outcome.confirmed()) {
            ++tally.confirmed;
            return;
          }
          ++tally.pending;
          if (tally.reason.empty()) tally.reason = outcome.failure->what();
        });
  }
  exported.refresh_pending();
  tally.users_pending = exported.pending_count();
  tally.aliases_pending = exported.pending_aliases(detail_limit);
  return tally;
}

}  // namespace arbor::km::workflows
