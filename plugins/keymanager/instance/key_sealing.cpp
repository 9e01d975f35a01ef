#include "instance/key_sealing.hpp"

#include "common/km_error.hpp"

namespace arbor::km {

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

void check_sealed_keys(const crypto::master_key& master, store::sqlite::connection& db) {
  store::key_history_repository(db).for_each_sealed_key([&master](const store::sealed_key_row& row) {
    try {
      // Unsealed and dropped at once (km::secret cleanses it): only whether it opens matters.
      master.unseal(row.sealed_key, key_binding(row.user_id, row.key_id));
    } catch (const error& e) {
      throw error(e.code(), "key " + std::to_string(row.seq) + " of user " + row.user_id +
                                " does not open with this server's master key (" + e.what() +
                                "): the backup belongs to another server, or was altered",
                  e.technical());
    }
  });
}

}  // namespace arbor::km
