#include "escrow/key_sealing.hpp"

#include "common/km_error.hpp"

namespace arbor::km::escrow {

std::string key_binding(std::string_view user_id, std::string_view key_id) {
  return "user:" + std::string(user_id) + "/key:" + std::string(key_id);
}

std::vector<std::uint8_t> seal_user_key(const crypto::master_key& master, const crypto::private_key& key,
                                        std::string_view user_id, std::string_view key_id) {
  return master.seal(key.to_pkcs8_der(), key_binding(user_id, key_id));
}

crypto::private_key unseal_user_key(const crypto::master_key& master, const store::key_entry& entry) {
  try {
    return crypto::private_key::from_pkcs8_der(
        master.unseal(entry.sealed_key, key_binding(entry.user_id, entry.key_id)));
  } catch (const error& e) {
    throw error(e.code(), "Key " + std::to_string(entry.seq) + " of user " + entry.user_id +
                              " cannot be unsealed: " + e.what() +
                              ". Restore kms.db and master.key from the same backup.",
                e.technical());
  }
}

}  // namespace arbor::km::escrow
