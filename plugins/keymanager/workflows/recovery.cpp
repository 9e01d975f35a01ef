#include "workflows/recovery.hpp"

#include "common/km_error.hpp"
#include "crypto/pkcs12.hpp"
#include "workflows/enrollment_settings.hpp"
#include "instance/key_sealing.hpp"
#include "workflows/token_check.hpp"
#include "store/key_history.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"

namespace arbor::km::workflows {
namespace {

// The keys and certificates of a history, kept alive while PKCS#12 entries refer to them.
struct opened_history {
  std::vector<crypto::private_key> keys;
  std::vector<crypto::certificate> certs;
  std::vector<std::string> names;
};

opened_history open_history(const crypto::master_key& master, const store::user_record& user,
                            const std::vector<store::key_entry>& history) {
  opened_history opened;
  for (const store::key_entry& entry : history) {
    opened.keys.push_back(unseal_user_key(master, entry));
    opened.certs.push_back(crypto::certificate::from_bytes(entry.cert_der, "key " + std::to_string(entry.seq) + " of " + user.alias));
    opened.names.push_back(user.alias + " key " + std::to_string(entry.seq));
  }
  return opened;
}

}  // namespace

invitation issue_recovery_token(key_manager& kms, std::string_view alias) {
  auto& db = kms.db();
  store::sqlite::transaction tx(db);
  const auto user = store::user_repository(db).find_by_alias(alias);
  if (!user) throw error(errc::not_found, "There is no user '" + std::string(alias) + "'.");
  if (store::key_history_repository(db).count_for_user(user->user_id) == 0) {
    throw error(errc::bad_input, "User '" + user->alias +
                                     "' has no keys to recover: they have not completed an enrollment yet.");
  }
  const std::int64_t now = kms.clock().now();
  store::issued_token issued = store::token_repository(db).issue(
      user->user_id, store::token_purpose::recover, now, read_enrollment_settings(db).token_lifetime_s);
  tx.commit();
  return {user->alias, user->user_id, std::move(issued.token), issued.expires_at};
}

recovered_keys redeem_recovery(key_manager& kms, std::string_view alias, const secret& token,
                               const secret& pkcs12_password) {
  check_pkcs12_password(pkcs12_password);
  auto& db = kms.db();
  store::sqlite::transaction tx(db);
  const store::user_record user = redeem_token_of(db, alias, token, store::token_purpose::recover, kms.clock().now());
  const auto history = store::key_history_repository(db).list_for_user(user.user_id);
  if (history.empty()) throw error(errc::bad_input, "User '" + user.alias + "' has no keys to recover.");
  const opened_history opened = open_history(kms.master(), user, history);
  std::vector<crypto::pkcs12_entry> entries;
  for (std::size_t i = 0; i < history.size(); ++i) entries.push_back({opened.keys[i], opened.certs[i], opened.names[i]});
  recovered_keys recovered{user.user_id, entries.size(), crypto::make_pkcs12(entries, pkcs12_password)};
  tx.commit();
  return recovered;
}

}  // namespace arbor::km::workflows
