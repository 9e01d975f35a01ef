// Retry Pending Revocations: asks Certificate Services again for every revocation it has not
// confirmed yet, and says which it confirmed and which still wait.
#include "workflows/ca_settings.hpp"
#include "workflows/pending_retry.hpp"
#include "wizards/factories.hpp"
#include "wizards/progress_steps.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class retry_pending_revocations_wizard final : public task_wizard {
 public:
  explicit retry_pending_revocations_wizard(const environment& env) : task_wizard(env, "Retry Pending Revocations") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "retry-pending-revocations"; }
  std::vector<sdk::page> task_pages() const override { return {}; }

  sdk::summary run_task(const sdk::answers&) override {
    progress_steps steps(env().progress, "Retrying revocations", 1);
    steps.stop_if_cancelled();
    const auto ca = workflows::open_certificate_services(kms().db());
    const auto retried = workflows::retry_pending_revocations(kms().db(), *ca, kms().clock().now());
    steps.advance("done");

    std::vector<std::string> confirmed;
    std::vector<std::string> pending;
    for (const auto& r : retried) {
      const std::string what = r.item.user_alias + " " + r.item.serial_hex;
      if (r.confirmed())
        confirmed.push_back(what);
      else
        pending.push_back(what + ": " + r.failure->what());
    }
    audit("revocations-retried", std::to_string(confirmed.size()) + " confirmed, " + std::to_string(pending.size()) + " pending");
    return sdk::summary{retried.empty() ? "No revocations were waiting" : "Pending revocations retried",
                        {{"confirmed", "Confirmed", std::to_string(confirmed.size()), confirmed},
                         {"pending", "Still pending", std::to_string(pending.size()), pending}},
                        {}};
  }
};

}  // namespace

wizard_ptr make_retry_pending_revocations_wizard(const environment& env) {
  return std::make_unique<retry_pending_revocations_wizard>(env);
}

}  // namespace arbor::km::wizards
