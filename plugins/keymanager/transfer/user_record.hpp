#pragma once
// One user as it travels in a transfer file: the account facts and the whole key history. This is
// the unit the writer takes and the reader delivers; the workflows map it to and from the store.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::transfer {

// One entry of a user's key history. The private key is PKCS#8 DER in clear, so it only ever
// lives in a km::secret.
struct key_record {
  std::string key_id;
  std::int64_t seq = 0;  // position in the user's history, as the store numbers it
  std::string status;    // the store's status word ("valid", "revoked", "revocation-pending")
  std::chrono::sys_seconds added_at;  // as the store recorded it; RFC 3339 UTC in the file
  std::vector<std::uint8_t> certificate_der;
  secret private_key_der;
};

// A user and their key history; user_id is the stable id the import matches on.
struct user_record {
  std::string user_id;
  std::string alias;
  std::string display_name;
  std::string email;
  std::string state;
  std::vector<key_record> keys;
};

}  // namespace arbor::km::transfer
