// Complete Enrollment: a user (or an operator on their behalf) redeems an enrollment token. The
// Key Manager makes the key pair, has Certificate Services issue the certificate, escrows the key
// and saves the key with its certificate as a PKCS#12 file protected by the user's password.
#include "common/utc_time.hpp"
#include "workflows/ca_settings.hpp"
#include "workflows/complete_enrollment.hpp"
#include "wizards/factories.hpp"
#include "wizards/token_task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class complete_enrollment_wizard final : public token_task_wizard {
 public:
  explicit complete_enrollment_wizard(const environment& env)
      : token_task_wizard(env, "Complete Enrollment", "complete-enrollment",
                          "Your enrollment token makes your encryption key and certificate.") {}

 private:
  void check_token(const workflows::presented_token& token) override {
    workflows::check_enrollment_token(kms(), token);
  }

  token_task_result redeem(const workflows::token_redemption& request, workflows::progress& progress) override {
    const auto ca = workflows::open_certificate_services(kms().db());
    const auto enrolled = workflows::complete_enrollment(kms(), *ca, request, progress);
    return {enrolled.file,
            {{"subject", "Certificate", enrolled.subject, {}},
             {"serial", "Serial number", enrolled.serial_hex, {}},
             {"key", "Key", enrolled.key_algorithm, {}},
             {"expires", "Valid until", utc_text(enrolled.not_after), {}},
             {"keys", "Keys in your history", std::to_string(enrolled.keys_in_history), {}},
             {"sha1", "SHA-1 thumbprint", enrolled.sha1_thumbprint, {}}}};
  }
};

}  // namespace

wizard_ptr make_complete_enrollment_wizard(const environment& env) {
  return std::make_unique<complete_enrollment_wizard>(env);
}

}  // namespace arbor::km::wizards
