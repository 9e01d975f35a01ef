#pragma once
// Users' private keys at rest: sealed under the master key with the user id and key id as
// associated data, so a sealed key copied to another user's row or another key's row no longer
// unseals.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/private_key.hpp"
#include "crypto/sealing.hpp"
#include "store/key_history.hpp"

namespace arbor::km {

/// The associated data binding a sealed key to its place: "user:<user_id>/key:<key_id>".
std::string key_binding(std::string_view user_id, std::string_view key_id);

/// `key` as PKCS#8, sealed for the key history entry (user_id, key_id).
std::vector<std::uint8_t> seal_user_key(const crypto::master_key& master, const crypto::private_key& key,
                                        std::string_view user_id, std::string_view key_id);

/// The private key of a key history entry. errc::crypto when the sealed key does not verify
/// (moved, altered, or sealed under another master key), naming the user's key.
crypto::private_key unseal_user_key(const crypto::master_key& master, const store::key_entry& entry);

/// Checks that every sealed key in `db` opens under `master` in its own place (a database about to
/// be restored). errc::crypto naming the first user's key that does not; no key is kept.
void check_sealed_keys(const crypto::master_key& master, store::sqlite::connection& db);

}  // namespace arbor::km
