#pragma once
// Putting an incoming user's key history into a user of this server: each key is checked against
// its certificate before it is sealed under this server's master key, and a certificate this
// server already holds is skipped, so merging the same history twice adds nothing.
#include <cstdint>
#include <string_view>

#include "crypto/sealing.hpp"
#include "store/key_history.hpp"
#include "transfer/pkcs8_decoder.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::transfer {

// What merging one history did.
struct merged_keys {
  std::int64_t added = 0;
  std::int64_t already_present = 0;  // same certificate SHA-256 already in kms.db
};

// Appends the keys of `incoming` (in the order of their seq) to the history of `owner_id`, each
// under a fresh key id, sealed with `master`, keeping its status and added_at. Keys are taken out
// of `incoming` and wiped as they go. errc::corrupt naming the key when a certificate or key does
// not parse, a key does not belong to its certificate, or a status or time is not understood.
// Call inside the import's transaction: a throw leaves earlier appends to its rollback.
// `keys` parses the private keys (one decoder for the whole import).
merged_keys merge_keys(const crypto::master_key& master, store::key_history_repository& history, pkcs8_decoder& keys,
                       std::string_view owner_id, user_record& incoming);

}  // namespace arbor::km::transfer
