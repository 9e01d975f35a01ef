#include "workflows/exported_user.hpp"

#include <chrono>
#include <string>

#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"

namespace arbor::km::workflows {
namespace {

transfer::key_record exported_key(const store::user_record& user, const store::key_entry& entry,
                        const crypto::master_key& master) {
  transfer::key_record key;
  key.key_id = entry.key_id;
  key.seq = entry.seq;
  key.status = std::string(store::to_string(entry.status));
  key.added_at = entry.added_at;
  key.certificate_der = entry.cert_der;
  try {
    // The PKCS#8 bytes go into the file as stored; parsing them into a key object would only
    // cost time and make another copy.
    key.private_key_der = master.unseal(entry.sealed_key, km::key_binding(entry.user_id, entry.key_id));
  } catch (const error& e) {
    throw error(e.code(),
                "Key " + std::to_string(entry.seq) + " of user " + user.alias + " cannot be unsealed: " + e.what() +
                    ". Nothing was exported; restore kms.db and master.key from the same backup.",
                e.technical());
  }
  return key;
}

}  // namespace

transfer::user_record exported_user(const store::user_record& user, const std::vector<store::key_entry>& history,
                          const crypto::master_key& master) {
  transfer::user_record record{user.user_id, user.alias, user.display_name, user.email, user.state, {}};
  record.keys.reserve(history.size());
  for (const store::key_entry& entry : history) record.keys.push_back(exported_key(user, entry, master));
  return record;
}

}  // namespace arbor::km::workflows
