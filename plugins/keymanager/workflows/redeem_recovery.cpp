#include "workflows/redeem_recovery.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/km_error.hpp"
#include "crypto/pkcs12.hpp"
#include "instance/key_sealing.hpp"
#include "store/key_history.hpp"
#include "store/recovery_keys.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"
#include "workflows/cancellation.hpp"
#include "workflows/pkcs12_file.hpp"
#include "workflows/task_audit.hpp"
#include "workflows/token_check.hpp"

namespace arbor::km::workflows {
namespace {

// The keys and certificates of a history, kept alive while PKCS#12 entries refer to them.
struct opened_history {
  std::vector<crypto::private_key> keys;
  std::vector<crypto::certificate> certs;
  std::vector<std::string> names;
};

// Each key of the history as the recovery token opens it; a key added since the token was issued
// is not in the recovery (errc::conflict: ask for a new token).
opened_history open_history(store::sqlite::connection& db, const redeemed_user& redeemed, const secret& token,
                            const std::vector<store::key_entry>& history) {
  const store::user_record& user = redeemed.user;
  const auto sealed = store::recovery_key_repository(db).list(redeemed.token_id);
  opened_history opened;
  for (const store::key_entry& entry : history) {
    const auto it = std::find_if(sealed.begin(), sealed.end(), [&](const auto& k) { return k.key_id == entry.key_id; });
    if (it == sealed.end())
      throw error(errc::conflict, "User '" + user.alias + "' has a key the recovery token was not issued for: ask "
                                                          "an administrator for a new recovery token.");
    opened.keys.push_back(open_for_recovery(token, redeemed.token_id, it->sealed_key, entry.user_id, entry.key_id));
    opened.certs.push_back(crypto::certificate::from_bytes(entry.cert_der, "key " + std::to_string(entry.seq) + " of " + user.alias));
    opened.names.push_back(user.alias + " key " + std::to_string(entry.seq));
  }
  return opened;
}

// The user's whole history as one PKCS#12, and how many keys it holds. One transaction: the token
// counts as used only when every key was unsealed.
std::pair<std::vector<std::uint8_t>, std::size_t> history_pkcs12(key_manager& kms, const redeem_recovery_request& request) {
  auto& db = kms.db();
  store::sqlite::transaction tx(db);
  const redeemed_user redeemed = redeem_token_of(db, request.token, store::token_purpose::recover, kms.clock().now());
  const store::user_record& user = redeemed.user;
  const auto history = store::key_history_repository(db).list_for_user(user.user_id);
  if (history.empty()) throw error(errc::bad_input, "User '" + user.alias + "' has no keys to recover.");
  const opened_history opened = open_history(db, redeemed, request.token.token(), history);
  store::recovery_key_repository(db).remove(redeemed.token_id);
  std::vector<crypto::pkcs12_entry> entries;
  for (std::size_t i = 0; i < history.size(); ++i) entries.push_back({opened.keys[i], opened.certs[i], opened.names[i]});
  auto pkcs12 = crypto::make_pkcs12(entries, request.password.value());
  tx.commit();
  return {std::move(pkcs12), entries.size()};
}

}  // namespace

void check_recovery_token(key_manager& kms, const presented_token& token) {
  check_token_of(kms.db(), token, store::token_purpose::recover, kms.clock().now());
}

redeem_recovery_result redeem_recovery(key_manager& kms, const redeem_recovery_request& request, progress& progress) {
  progress.phase("Redeem Recovery Token", 2);
  stop_if_cancelled(progress);
  const auto [pkcs12, keys] = history_pkcs12(kms, request);
  progress.step("keys ready");
  const std::filesystem::path file = save_pkcs12(request.output.path(), pkcs12);
  progress.step("file saved");
  const std::string& alias = request.token.alias();
  record_audit(kms, "user " + alias, "recovery-redeemed", alias + " keys " + std::to_string(keys), audit_outcome::success);
  return {file, keys};
}

}  // namespace arbor::km::workflows
