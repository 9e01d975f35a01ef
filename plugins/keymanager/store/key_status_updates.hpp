#pragma once
// Recording what Certificate Services did to a certificate in the key history, when the key is
// still there: a user exported (and so deleted) after their revocation was queued is not.
#include <string_view>

#include "store/key_history.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::store {

/// Sets the status of `user_id`'s key whose certificate has `serial_decimal` from `issuer`.
/// Does nothing when the user or the key is no longer stored.
void record_key_status(store::sqlite::connection& db, std::string_view user_id, std::string_view serial_decimal,
                       std::string_view issuer, store::key_status status);

}  // namespace arbor::km::store
