#pragma once
// Sealing secrets at rest under a symmetric key: AES-256-GCM. The keys that seal are derived from
// the vault, which only administrators' passwords open (instance/vault.hpp); the one key that was
// ever kept in a file, the master.key of schema version 5 and before, is read once, by the upgrade.
//
// Sealed blob layout (all of it authenticated):
//   version (1 byte, = 1) | nonce (12 random bytes) | ciphertext (plaintext length) | tag (16)
// The version byte is authenticated together with the caller's associated data, which binds a
// blob to its place (e.g. "user 42 / key 7"): moved elsewhere, it no longer unseals.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::crypto {

// A 32-byte AES-256 key that seals and unseals.
class sealing_key {
 public:
  static constexpr std::size_t size = 32;

  // errc::internal when `key` is not 32 bytes: keys come from HKDF or Argon2, never from input.
  explicit sealing_key(secret key);
  // A fresh random key.
  static sealing_key generate();
  // Loads the master.key file of a Key Manager made before schema version 6, for its upgrade.
  // errc::not_found when missing; errc::io when other users could read it or it cannot be read;
  // errc::corrupt when it is not exactly 32 bytes.
  static sealing_key load_file(const std::filesystem::path& path);

  // Encrypts and authenticates `plaintext`, binding it to `associated_data`.
  std::vector<std::uint8_t> seal(const secret& plaintext, std::string_view associated_data) const;
  // Reverses seal(). Any change to the blob, a different key or different associated data is
  // errc::crypto ("sealed data does not verify"); no byte of unverified plaintext is returned.
  secret unseal(std::span<const std::uint8_t> blob, std::string_view associated_data) const;

 private:
  secret key_;
};

}  // namespace arbor::km::crypto
