#include "workflows/key_opening.hpp"

#include "auth/password_hash.hpp"
#include "common/km_error.hpp"
#include "store/administrators.hpp"
#include "store/sqlite.hpp"
#include "workflows/task_audit.hpp"

#include <algorithm>
#include <string>

namespace arbor::km::workflows {
namespace {

// The opener refers to `hsm`, which the caller keeps for the one key opening it is made for.
token_opener token_opener_of(const hsm_login& hsm) {
  if (!hsm.token) return nullptr;
  return [&hsm] { return crypto::pkcs11_token::open(*hsm.token, hsm.pin); };
}

// Binds the vault to the token of `hsm`: its wrapping key (kept if the token holds one under the
// label, as after an earlier binding that was undone by a restore) wraps a new pepper and every
// keyslot gets a new share; V, and every key derived from it, stay. The token is opened here, after
// the vault: held for the binding alone, not across the administrators' Argon2id work.
void bind_token(key_manager& kms, const authorization& who, const hsm_login& hsm, opened_vault& keys) {
  const pkcs11_config& config = *hsm.token;
  auto token = crypto::pkcs11_token::open(config, hsm.pin);
  std::string detail = "token=" + config.token_label + "; key=" + config.key_label + "; task=" + who.task();
  try {
    token.create_wrapping_key();
    detail += "; wrapping key created";
  } catch (const error& e) {
    if (e.code() != errc::conflict) throw;
  }
  store::sqlite::transaction tx(kms.db());
  kms.vault().set_token(keys, &token);
  record_audit(kms, who.actor(), "hsm-bound", detail, audit_outcome::success);
  tx.commit();
}

}  // namespace

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

// errc::auth_failed, saying to log in again, when an administrator of `given` was removed, or
// their password changed, since the login that gave their password: by another task, which
// rightly removed or re-sealed their keyslot.
void require_logins_current(key_manager& kms, const site& where, const vault_snapshot& read) {
  const auth::password_hasher hasher(where.argon2);
  store::administrator_repository admins(kms.db());
  for (const auto& given : read.given) {
    const auto& admin = given.admin;
    const auto now = admins.find(admin.name);
    if (!now)
      throw error(errc::auth_failed, admin.name + " was removed from the administrators since you logged in: log in again.");
    if (!hasher.verify(now->password_hash, *admin.password))
      throw error(errc::auth_failed, admin.name + "'s password was changed since you logged in: log in again.");
  }
}

// vault::open, where a keyslot that does not open (or is missing) for who logged in is told apart:
// tampering, or a login that another task made stale. The check costs an Argon2id per
// administrator, so it is paid on a refusal only.
opened_vault open_as_logged_in(key_manager& kms, const site& where, const vault_snapshot& read,
                               const token_opener& token) {
  try {
    return km::vault::open(read, token);
  } catch (const error& e) {
    if (e.code() == errc::crypto || e.code() == errc::auth_failed) require_logins_current(kms, where, read);
    throw;
  }
}

}  // namespace

hsm_pin_demand hsm_pin_needed(const site& where, std::string_view task) {
  if (!where.pkcs11) return hsm_pin_demand::none;
  if (opens_keys(task) || task == manage_administrators_task) return hsm_pin_demand::required;
  if (task == manage_policy_task) return hsm_pin_demand::optional;
  return hsm_pin_demand::none;
}

opened_vault open_vault(km::vault& v, std::span<const administrator_key> keyslots, const hsm_login& hsm) {
  return v.open(keyslots, token_opener_of(hsm));
}

opened_vault open_keys(key_manager& kms, const site& where, const authorization& who,
                       const std::vector<credential>& credentials, const secret& hsm_pin) {
  if (kms.status() != key_manager::state::ready)
    throw error(errc::internal, "keys were to be opened before the Key Manager was initialized or upgraded");
  const auto keys = keyslot_keys(who, credentials);
  auto opened = failure_audited(kms, who.actor(), "keys-opened", "task=" + who.task(), [&] {
    const hsm_login hsm{where.pkcs11, hsm_pin};
    const auto read = kms.vault().snapshot(keys);
    const bool binds = hsm.token && !read.needs_token();
    auto keys_open = open_as_logged_in(kms, where, read, binds ? token_opener{} : token_opener_of(hsm));
    if (binds) bind_token(kms, who, hsm, keys_open);
    return keys_open;
  });
  give_missing_keyslots(kms, where, who, keys, opened);
  return opened;
}

}  // namespace arbor::km::workflows
