#pragma once
// Users' private keys at rest, in key_history.sealed_key, with the user id and key id as associated
// data, so a sealed key copied to another user's row or another key's row no longer opens. Two
// kinds: sealed to the escrow public key (crypto/x25519_seal.hpp) by enrollment, which opens
// nothing; sealed under the vault's user-key sealing key (crypto/sealing.hpp) by tasks that have
// the vault open anyway (an import, the upgrade). Both open only with the vault open.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/private_key.hpp"
#include "crypto/x25519_seal.hpp"
#include "instance/vault.hpp"
#include "store/key_history.hpp"

namespace arbor::km {

/// The associated data binding a sealed key to its place: "user:<user_id>/key:<key_id>".
std::string key_binding(std::string_view user_id, std::string_view key_id);

/// `key` as PKCS#8, sealed to the escrow public key for the key history entry (user_id, key_id).
std::vector<std::uint8_t> seal_user_key(const crypto::x25519_public_key& escrow, const crypto::private_key& key,
                                        std::string_view user_id, std::string_view key_id);

/// The PKCS#8 bytes of a key history entry's private key, as sealed (an export writes them as they
/// are). errc::crypto when the sealed key does not verify, naming the user's key.
secret unseal_user_key_der(const opened_vault& keys, const store::key_entry& entry);

/// The private key of a key history entry. errc::crypto when the sealed key does not verify
/// (moved, altered, or sealed for another Key Manager), naming the user's key.
crypto::private_key unseal_user_key(const opened_vault& keys, const store::key_entry& entry);

/// A user's key (PKCS#8) sealed for a recovery token: under HKDF-SHA256(token, salt = token id,
/// "arbor-km recovery key v1"), bound to its place, so Redeem Recovery Token opens it with the
/// token alone. The token has 128 random bits; only its SHA-256 is stored.
std::vector<std::uint8_t> seal_for_recovery(const secret& token, std::string_view token_id, const secret& pkcs8_der,
                                            std::string_view user_id, std::string_view key_id);
/// Reverses seal_for_recovery. errc::crypto when the blob does not open with this token.
crypto::private_key open_for_recovery(const secret& token, std::string_view token_id,
                                      std::span<const std::uint8_t> sealed, std::string_view user_id,
                                      std::string_view key_id);

/// Checks that every sealed key in `db` opens with `keys` in its own place (a database about to be
/// restored). errc::crypto naming the first user's key that does not; no key is kept.
void check_sealed_keys(const opened_vault& keys, store::sqlite::connection& db);

}  // namespace arbor::km
