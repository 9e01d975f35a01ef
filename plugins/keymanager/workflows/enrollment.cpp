#include "workflows/enrollment.hpp"

#include <algorithm>

#include "ca/certificate_identity.hpp"
#include "common/km_error.hpp"
#include "crypto/csr.hpp"
#include "crypto/pkcs12.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/history_entry.hpp"
#include "instance/key_sealing.hpp"
#include "workflows/token_check.hpp"
#include "crypto/user_key_types.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::size_t min_pkcs12_password = 8;

std::string origin_prefix(const new_user& user) { return user.origin.empty() ? std::string() : user.origin + ": "; }

invitation invite(store::sqlite::connection& db, const store::user_record& user, std::int64_t now,
                  std::int64_t lifetime_s) {
  store::issued_token issued =
      store::token_repository(db).issue(user.user_id, store::token_purpose::enroll, now, lifetime_s);
  return {user.alias, user.user_id, std::move(issued.token), issued.expires_at};
}

void add_user(store::user_repository& users, const new_user& user, std::int64_t now) {
  if (users.find_by_alias(user.alias)) {
    throw error(errc::conflict, origin_prefix(user) + "a user with the alias '" + user.alias +
                                    "' already exists (to give them a new key, re-enroll them); nothing was added.");
  }
  users.add({store::random_id(), user.alias, user.display_name, user.email, std::string(state_pending_enrollment), now});
}

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

void check_pkcs12_password(const secret& password) {
  const auto text = password.view();
  if (text.size() < min_pkcs12_password || text.find('\0') != std::string_view::npos) {
    throw error(errc::bad_input,
                "The password for the PKCS#12 file must be at least 8 characters: choose a longer one.");
  }
}

std::vector<invitation> enroll_users(key_manager& kms, std::span<const new_user> users) {
  if (users.empty()) throw error(errc::bad_input, "There are no users to add.");
  std::for_each(users.begin(), users.end(), check_new_user);
  const std::int64_t now = kms.clock().now();
  const std::int64_t lifetime_s = read_enrollment_settings(kms.db()).token_lifetime_s;
  store::sqlite::transaction tx(kms.db());
  store::user_repository repository(kms.db());
  std::vector<invitation> invitations;
  for (const new_user& user : users) {
    add_user(repository, user, now);
    invitations.push_back(invite(kms.db(), *repository.find_by_alias(user.alias), now, lifetime_s));
  }
  tx.commit();
  return invitations;
}

invitation reenroll_user(key_manager& kms, std::string_view alias) {
  store::sqlite::transaction tx(kms.db());
  const auto user = store::user_repository(kms.db()).find_by_alias(alias);
  if (!user) throw error(errc::not_found, "There is no user '" + std::string(alias) + "' to re-enroll.");
  invitation issued =
      invite(kms.db(), *user, kms.clock().now(), read_enrollment_settings(kms.db()).token_lifetime_s);
  tx.commit();
  return issued;
}

enrollment_result complete_enrollment(key_manager& kms, ca::certificate_services& ca, std::string_view alias,
                                      const secret& token, const secret& pkcs12_password) {
  check_pkcs12_password(pkcs12_password);
  auto& db = kms.db();
  const std::string key_type = read_enrollment_settings(db).key_type;
  const store::user_record user = check_token_of(db, alias, token, store::token_purpose::enroll, kms.clock().now());

  const crypto::private_key key = crypto::generate_user_key(key_type);
  crypto::certificate cert = issue_certificate(ca, key, user);
  try {
    const std::string key_id = store::random_id();
    const std::int64_t now = kms.clock().now();
    store::sqlite::transaction tx(db);
    redeem_token_of(db, alias, token, store::token_purpose::enroll, now);  // may have been used meanwhile
    store::key_history_repository history(db);
    const std::int64_t seq = history.append(history_entry(user.user_id, key_id, cert.facts(),
                                                          seal_user_key(kms.master(), key, user.user_id, key_id), now));
    store::user_repository(db).set_state(user.user_id, state_active);
    const crypto::pkcs12_entry entry{key, cert, user.alias + " key " + std::to_string(seq)};
    std::vector<std::uint8_t> pkcs12 = crypto::make_pkcs12(std::span(&entry, 1), pkcs12_password);
    tx.commit();
    return {user.user_id, key_id, seq, std::move(cert), std::move(pkcs12)};
  } catch (...) {
    withdraw(ca, cert);
    throw;
  }
}

}  // namespace arbor::km::workflows
