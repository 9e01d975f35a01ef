#include "workflows/key_opening.hpp"

#include "common/km_error.hpp"
#include "workflows/task_audit.hpp"

#include <algorithm>

namespace arbor::km::workflows {

std::int64_t key_threshold(key_manager& kms, const site& where) {
  const auth::password_hasher hasher(where.argon2);
  return auth::login(kms.db(), hasher, kms.clock()).key_threshold();
}

std::vector<administrator_key> keyslot_keys(const authorization& who, const std::vector<credential>& credentials) {
  const auto& names = who.administrators();
  if (credentials.size() != names.size())
    throw error(errc::internal, "keys were to be opened with other administrators than logged in");
  std::vector<administrator_key> keys;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!who.includes(credentials[i].name))
      throw error(errc::internal, "keys were to be opened with other administrators than logged in");
    keys.push_back({names[i], &credentials[i].password});
  }
  return keys;
}

namespace {

// Administrators who logged in without a keyslot (added before the upgrade from master.key, say)
// get one as soon as others open the keys with them: their password is there, and the vault is
// open. Names are compared as stored (both lists come from the database).
void give_missing_keyslots(key_manager& kms, const site& where, const authorization& who,
                           const std::vector<administrator_key>& given, const opened_vault& opened) {
  auto vault = kms.vault();
  const auto holders = vault.keyslot_holders();
  std::vector<administrator_key> missing;
  for (const auto& admin : given)
    if (std::find(holders.begin(), holders.end(), admin.name) == holders.end()) missing.push_back(admin);
  if (missing.empty()) return;
  std::string names;
  store::sqlite::transaction tx(kms.db());
  for (const auto& admin : missing) {
    vault.add_keyslot(opened, admin, where.argon2);
    names += (names.empty() ? "" : ", ") + admin.name;
  }
  vault.share_out(opened, vault.threshold());
  tx.commit();
  record_audit(kms, who.actor(), "keyslot-created", "for " + names, audit_outcome::success);
}

}  // namespace

opened_vault open_keys(key_manager& kms, const site& where, const authorization& who,
                       const std::vector<credential>& credentials) {
  if (kms.status() != key_manager::state::ready)
    throw error(errc::internal, "keys were to be opened before the Key Manager was initialized or upgraded");
  const auto keys = keyslot_keys(who, credentials);
  auto opened = failure_audited(kms, who.actor(), "keys-opened", "task=" + who.task(),
                                [&] { return kms.vault().open(keys, nullptr); });
  give_missing_keyslots(kms, where, who, keys, opened);
  return opened;
}

}  // namespace arbor::km::workflows
