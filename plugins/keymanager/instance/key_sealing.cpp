#include "instance/key_sealing.hpp"

#include "common/km_error.hpp"
#include "crypto/hkdf.hpp"

namespace arbor::km {
namespace {

secret opened(const opened_vault& keys, std::span<const std::uint8_t> sealed, std::string_view binding) {
  if (crypto::is_sealed_to_public_key(sealed)) return crypto::open_sealed(keys.escrow_key(), sealed, binding);
  return keys.user_keys().unseal(sealed, binding);
}

crypto::sealing_key recovery_key(const secret& token, std::string_view token_id) {
  const std::span<const std::uint8_t> salt(reinterpret_cast<const std::uint8_t*>(token_id.data()), token_id.size());
  return crypto::sealing_key(crypto::hkdf_sha256({token.data(), token.size()}, salt, "arbor-km recovery key v1"));
}

}  // namespace

std::vector<std::uint8_t> seal_for_recovery(const secret& token, std::string_view token_id, const secret& pkcs8_der,
                                            std::string_view user_id, std::string_view key_id) {
  return recovery_key(token, token_id).seal(pkcs8_der, key_binding(user_id, key_id));
}

crypto::private_key open_for_recovery(const secret& token, std::string_view token_id,
                                      std::span<const std::uint8_t> sealed, std::string_view user_id,
                                      std::string_view key_id) {
  return crypto::private_key::from_pkcs8_der(recovery_key(token, token_id).unseal(sealed, key_binding(user_id, key_id)));
}

std::string key_binding(std::string_view user_id, std::string_view key_id) {
  return "user:" + std::string(user_id) + "/key:" + std::string(key_id);
}

std::vector<std::uint8_t> seal_user_key(const crypto::x25519_public_key& escrow, const crypto::private_key& key,
                                        std::string_view user_id, std::string_view key_id) {
  return crypto::seal_to(escrow, key.to_pkcs8_der(), key_binding(user_id, key_id));
}

secret unseal_user_key_der(const opened_vault& keys, const store::key_entry& entry) {
  try {
    return opened(keys, entry.sealed_key, key_binding(entry.user_id, entry.key_id));
  } catch (const error& e) {
    throw error(e.code(), "Key " + std::to_string(entry.seq) + " of user " + entry.user_id +
                              " cannot be opened: " + e.what() + ". Restore kms.db from a backup you trust.",
                e.technical());
  }
}

crypto::private_key unseal_user_key(const opened_vault& keys, const store::key_entry& entry) {
  return crypto::private_key::from_pkcs8_der(unseal_user_key_der(keys, entry));
}

void check_sealed_keys(const opened_vault& keys, store::sqlite::connection& db) {
  store::key_history_repository(db).for_each_sealed_key([&keys](const store::sealed_key_row& row) {
    try {
      // Opened and dropped at once (km::secret cleanses it): only whether it opens matters.
      opened(keys, row.sealed_key, key_binding(row.user_id, row.key_id));
    } catch (const error& e) {
      throw error(e.code(), "key " + std::to_string(row.seq) + " of user " + row.user_id +
                                " does not open with this backup's keys (" + e.what() +
                                "): the backup was altered",
                  e.technical());
    }
  });
}

}  // namespace arbor::km
