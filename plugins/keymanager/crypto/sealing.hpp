#pragma once
// Sealing secrets at rest: AES-256-GCM under the Key Manager's master key, so the database, a
// backup or the identity key file alone never reveals a private key.
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

// The 32-byte AES-256 key that seals everything at rest. Lives in a file of its own (mode 0600)
// in the data directory; never stored in the database.
class master_key {
 public:
  static constexpr std::size_t size = 32;

  // A fresh random key, not yet saved anywhere.
  static master_key generate();
  // Generates a key and writes it to `path` (mode 0600, atomically). Refuses to replace an
  // existing file (errc::conflict): losing the old key would lose every sealed secret.
  static master_key create_file(const std::filesystem::path& path);
  // Loads a key file. errc::not_found when missing; errc::io when other users could read it or
  // it cannot be read; errc::corrupt when it is not exactly 32 bytes.
  static master_key load_file(const std::filesystem::path& path);

  // Encrypts and authenticates `plaintext`, binding it to `associated_data`.
  std::vector<std::uint8_t> seal(const secret& plaintext, std::string_view associated_data) const;
  // Reverses seal(). Any change to the blob, a different key or different associated data is
  // errc::crypto ("sealed data does not verify"); no byte of unverified plaintext is returned.
  secret unseal(std::span<const std::uint8_t> blob, std::string_view associated_data) const;

 private:
  explicit master_key(secret key);
  secret key_;
};

}  // namespace arbor::km::crypto
