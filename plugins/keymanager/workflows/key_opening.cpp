#include "workflows/key_opening.hpp"

#include "common/km_error.hpp"
#include "workflows/task_audit.hpp"

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

opened_vault open_keys(key_manager& kms, const site& where, const authorization& who,
                       const std::vector<credential>& credentials) {
  if (kms.status() != key_manager::state::ready)
    throw error(errc::internal, "keys were to be opened before the Key Manager was initialized or upgraded");
  const auto keys = keyslot_keys(who, credentials);
  (void)where;
  return failure_audited(kms, who.actor(), "keys-opened", "task=" + who.task(),
                         [&] { return kms.vault().open(keys, nullptr); });
}

}  // namespace arbor::km::workflows
