// Complete Enrollment: a user (or an operator on their behalf) redeems an enrollment token. The
// Key Manager makes the key pair, has Certificate Services issue the certificate, escrows the key
// and saves the key with its certificate as a PKCS#12 file protected by the user's password.
#include "workflows/ca_settings.hpp"
#include "workflows/enrollment.hpp"
#include "workflows/token_check.hpp"
#include "crypto/thumbprint.hpp"
#include "common/utc_time.hpp"
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
  void check_token(const std::string& alias, const secret& token) override {
    workflows::check_token_of(kms().db(), alias, token, store::token_purpose::enroll, kms().clock().now());
  }

  token_task_result redeem(const std::string& alias, const secret& token, const secret& password) override {
    const auto ca = workflows::open_certificate_services(kms().db());
    const workflows::enrollment_result enrolled = workflows::complete_enrollment(kms(), *ca, alias, token, password);
    const auto& cert = enrolled.cert;
    return {enrolled.pkcs12,
            {{"subject", "Certificate", cert.subject(), {}},
             {"serial", "Serial number", cert.serial_hex(), {}},
             {"key", "Key", cert.key_algorithm(), {}},
             {"expires", "Valid until", utc_text(std::chrono::duration_cast<std::chrono::seconds>(
                                                             cert.not_after().time_since_epoch()).count()), {}},
             {"keys", "Keys in your history", std::to_string(enrolled.keys_in_history), {}},
             {"sha1", "SHA-1 thumbprint", crypto::with_colons(crypto::sha1_hex(cert)), {}}},
            "enrollment-completed",
            alias + " key " + std::to_string(enrolled.keys_in_history) + " serial " + cert.serial_hex()};
  }
};

}  // namespace

wizard_ptr make_complete_enrollment_wizard(const environment& env) {
  return std::make_unique<complete_enrollment_wizard>(env);
}

}  // namespace arbor::km::wizards
