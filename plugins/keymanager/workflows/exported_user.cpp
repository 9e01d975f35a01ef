#include "workflows/exported_user.hpp"

#include <chrono>
#include <string>

#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"

namespace arbor::km::workflows {
namespace {

transfer::key_record exported_key(const store::user_record& user, const store::key_entry& entry,
                                  const opened_vault& keys) {
  transfer::key_record key;
  key.key_id = entry.key_id;
  key.seq = entry.seq;
  key.status = std::string(store::to_string(entry.status));
  key.added_at = entry.added_at;
  key.certificate_der = entry.cert_der;
  try {
    // The PKCS#8 bytes go into the file as stored; parsing them into a key object would only
    // cost time and make another copy.
    key.private_key_der = km::unseal_user_key_der(keys, entry);
  } catch (const error& e) {
    throw error(e.code(),
                "Key " + std::to_string(entry.seq) + " of user " + user.alias + " cannot be opened: " + e.what() +
                    " Nothing was exported.",
                e.technical());
  }
  return key;
}

}  // namespace

transfer::user_record exported_user(const store::user_record& user, const std::vector<store::key_entry>& history,
                                    const opened_vault& keys) {
  transfer::user_record record{user.user_id, user.alias, user.display_name, user.email, user.state, {}};
  record.keys.reserve(history.size());
  for (const store::key_entry& entry : history) record.keys.push_back(exported_key(user, entry, keys));
  return record;
}

}  // namespace arbor::km::workflows
