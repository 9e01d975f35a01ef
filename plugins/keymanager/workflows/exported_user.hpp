#pragma once
// A stored user and their key history as they travel in a transfer file: each sealed key is
// opened with the opened vault (in its own place) straight into the record's km::secret.
#include <vector>

#include "instance/vault.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::workflows {

// `history` is the user's whole key history, ordered by seq. errc::crypto naming the user and
// the key when a sealed key does not open (altered, or moved to another place).
transfer::user_record exported_user(const store::user_record& user, const std::vector<store::key_entry>& history,
                                    const opened_vault& keys);

}  // namespace arbor::km::workflows
