#pragma once
// A stored user and their key history as they travel in a transfer file: each sealed key is
// unsealed (with the binding escrow sealed it under) straight into the record's km::secret.
#include <vector>

#include "crypto/sealing.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::workflows {

// `history` is the user's whole key history, ordered by seq. errc::crypto naming the user and
// the key when a sealed key does not unseal (kms.db and master.key do not belong together).
transfer::user_record exported_user(const store::user_record& user, const std::vector<store::key_entry>& history,
                          const crypto::master_key& master);

}  // namespace arbor::km::workflows
