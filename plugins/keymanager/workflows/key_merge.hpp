#pragma once
// Putting an incoming user's key history into a user of this server, in two steps: each key is
// checked against its certificate (check_user, which needs no database, so an import runs it on
// its reading thread) before it is sealed under this server's vault (the import has it open) and appended
// (merge_keys, which skips a certificate this server already holds, so merging the same history
// twice adds nothing).
#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/secret.hpp"
#include "crypto/certificate_facts.hpp"
#include "crypto/sealing.hpp"
#include "store/key_history.hpp"
#include "crypto/pkcs8_decoder.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::workflows {

// One key of an incoming history, checked: its certificate read, its private key proven to be
// the certificate's, its status and time understood.
struct checked_key {
  crypto::certificate_facts facts;
  secret private_key_der;
  store::key_status status = store::key_status::revoked;
  std::chrono::sys_seconds added_at;
};

// An incoming user whose keys were all checked; `user.keys` is empty, its keys are in `keys`, in
// the order of their seq.
struct checked_user {
  transfer::user_record user;
  std::vector<checked_key> keys;
};

// Checks every key of `incoming` (see checked_key), or throws errc::corrupt naming the key: a
// certificate or key that does not parse, a key that does not belong to its certificate, a status
// or time not understood. Touches no database; `keys` decodes the private keys that are not RSA
// (one decoder for the whole import).
checked_user check_user(crypto::pkcs8_decoder& keys, transfer::user_record&& incoming);

// What merging one history did.
struct merged_keys {
  std::int64_t added = 0;
  std::int64_t already_present = 0;  // same certificate SHA-256 already in kms.db
};

// Appends `keys` to the history of `owner_id` (the incoming user, or the user it was resolved
// to), each under a fresh key id and sealed with `sealing` for that user, keeping
// its status and added_at; a certificate kms.db already holds is skipped, so merging the same
// history twice adds nothing. The private keys are wiped as they go. `history` appends inside
// the import's transaction: a throw leaves earlier appends to its rollback.
merged_keys merge_keys(const crypto::sealing_key& sealing, store::history_appender& history,
                       std::string_view owner_id, std::vector<checked_key>& keys);

}  // namespace arbor::km::workflows
