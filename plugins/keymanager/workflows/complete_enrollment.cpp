#include "workflows/complete_enrollment.hpp"

#include <chrono>

#include "ca/certificate_identity.hpp"
#include "common/km_error.hpp"
#include "crypto/csr.hpp"
#include "crypto/pkcs12.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto/user_key_types.hpp"
#include "instance/key_sealing.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"
#include "workflows/cancellation.hpp"
#include "workflows/enrollment.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/history_entry.hpp"
#include "workflows/pkcs12_file.hpp"
#include "workflows/task_audit.hpp"
#include "workflows/token_check.hpp"

namespace arbor::km::workflows {
namespace {

std::string common_name_of(const store::user_record& user) {
  return user.display_name.empty() ? user.alias : user.display_name;
}

// The certificate for `key`, issued by the CA. Nothing is stored yet.
crypto::certificate issue_certificate(ca::certificate_services& ca, const crypto::private_key& key,
                                      const store::user_record& user) {
  const std::string cn = common_name_of(user);
  crypto::certificate cert = ca.enroll(crypto::make_csr(key, cn, user.email), {cn, user.email, "user-encryption"});
  if (!key.matches(cert)) {
    throw error(errc::ca_error,
                "Certificate Services returned a certificate for another key; nothing was stored. Check the CA.",
                "issued serial " + cert.serial_decimal());
  }
  return cert;
}

// A certificate issued for a key that was then thrown away must not stay valid. Best effort:
// if the CA cannot be reached now, the certificate only certifies a key nobody holds.
void withdraw(ca::certificate_services& ca, const crypto::certificate& cert) noexcept {
  try {
    (void)ca.revoke(ca::revocation_for(cert, ca::revocation_reason::cessation_of_operation));
  } catch (...) {
  }
}

}  // namespace

enrollment_result issue_user_key(key_manager& kms, ca::certificate_services& ca, const presented_token& token,
                                 const pkcs12_password& password) {
  auto& db = kms.db();
  const std::string key_type = read_enrollment_settings(db).key_type;
  const store::user_record user = check_token_of(db, token, store::token_purpose::enroll, kms.clock().now());
  const auto escrow = kms.escrow_public_key();  // before the CA is asked: an upgrade may still be due

  const crypto::private_key key = crypto::generate_user_key(key_type);
  crypto::certificate cert = issue_certificate(ca, key, user);
  try {
    const std::string key_id = store::random_id();
    const auto now = kms.clock().now();
    store::sqlite::transaction tx(db);
    redeem_token_of(db, token, store::token_purpose::enroll, now);  // may have been used meanwhile
    store::key_history_repository history(db);
    const std::int64_t seq = history.append(history_entry(user.user_id, key_id, cert.facts(),
                                                          seal_user_key(escrow, key, user.user_id, key_id), now));
    store::user_repository(db).set_state(user.user_id, state_active);
    const crypto::pkcs12_entry entry{key, cert, user.alias + " key " + std::to_string(seq)};
    std::vector<std::uint8_t> pkcs12 = crypto::make_pkcs12(std::span(&entry, 1), password.value());
    tx.commit();
    return {user.user_id, key_id, seq, std::move(cert), std::move(pkcs12)};
  } catch (...) {
    withdraw(ca, cert);
    throw;
  }
}

void check_enrollment_token(key_manager& kms, const presented_token& token) {
  check_token_of(kms.db(), token, store::token_purpose::enroll, kms.clock().now());
}

complete_enrollment_result complete_enrollment(key_manager& kms, ca::certificate_services& ca,
                                               const complete_enrollment_request& request, progress& progress) {
  progress.phase("Complete Enrollment", 2);
  stop_if_cancelled(progress);
  const enrollment_result enrolled = issue_user_key(kms, ca, request.token, request.password);
  progress.step("keys ready");
  const std::filesystem::path file = save_pkcs12(request.output.path(), enrolled.pkcs12);
  progress.step("file saved");
  const crypto::certificate& cert = enrolled.cert;
  const std::string& alias = request.token.alias();
  record_audit(kms, "user " + alias, "enrollment-completed",
                alias + " key " + std::to_string(enrolled.keys_in_history) + " serial " + cert.serial_hex(), audit_outcome::success);
  return {file,
          cert.subject(),
          cert.serial_hex(),
          cert.key_algorithm(),
          cert.not_after(),
          enrolled.keys_in_history,
          crypto::with_colons(crypto::sha1_hex(cert))};
}

}  // namespace arbor::km::workflows
