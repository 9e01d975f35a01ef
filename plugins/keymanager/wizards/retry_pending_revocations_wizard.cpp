// Retry Pending Revocations: asks Certificate Services again for every revocation it has not
// confirmed yet, and says which it confirmed and which still wait.
#include "workflows/ca_settings.hpp"
#include "workflows/retry_revocations.hpp"
#include "wizards/console_progress.hpp"
#include "wizards/factories.hpp"
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
    const auto ca = workflows::open_certificate_services(kms().db());
    console_progress progress(env().progress);
    const auto retried = workflows::retry_revocations(kms(), *ca, {authorization().actor()}, progress);

    std::vector<std::string> confirmed;
    std::vector<std::string> pending;
    for (const auto& r : retried.certificates) {
      const std::string what = r.user_alias + " " + r.serial_hex;
      if (r.confirmed())
        confirmed.push_back(what);
      else
        pending.push_back(what + ": " + r.failure->what());
    }
    return sdk::summary{retried.certificates.empty() ? "No revocations were waiting" : "Pending revocations retried",
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
