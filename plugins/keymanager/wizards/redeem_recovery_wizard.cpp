// Redeem Recovery Token: a user redeems a recovery token for a PKCS#12 file holding every key of
// their history with its certificate, protected by the password they choose.
#include "workflows/redeem_recovery.hpp"
#include "wizards/factories.hpp"
#include "wizards/token_task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class redeem_recovery_wizard final : public token_task_wizard {
 public:
  explicit redeem_recovery_wizard(const environment& env)
      : token_task_wizard(env, "Redeem Recovery Token", "redeem-recovery",
                          "Your recovery token gives you every key you ever had, with its certificate.") {}

 private:
  void check_token(const workflows::presented_token& token) override { workflows::check_recovery_token(kms(), token); }

  token_task_result redeem(const workflows::token_redemption& request, workflows::progress& progress) override {
    const auto recovered = workflows::redeem_recovery(kms(), request, progress);
    return {recovered.file, {{"keys", "Keys recovered", std::to_string(recovered.keys), {}}}};
  }
};

}  // namespace

wizard_ptr make_redeem_recovery_wizard(const environment& env) { return std::make_unique<redeem_recovery_wizard>(env); }

}  // namespace arbor::km::wizards
