#pragma once
// Sealing to a public key: X25519 key agreement with a fresh ephemeral key per blob, HKDF-SHA256
// of the shared secret, AES-256-GCM. Whoever holds only the public key can seal (enrollment, with
// no administrator present) and only the private key's holder can open.
//
// Sealed blob layout (all of it authenticated):
//   version (1 byte, = 2) | ephemeral public key (32) | nonce (12) | ciphertext | tag (16)
// The content key is HKDF-SHA256(shared secret, salt = ephemeral key | recipient key,
// info = "arbor-km x25519 seal v2"); the version byte and the caller's associated data are the
// GCM associated data, so a blob moved to another place (another user, key or keyslot) no longer
// opens. Version 2 tells these blobs from crypto/sealing.hpp's symmetric ones (version 1).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/secret.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {

class x25519_public_key {
 public:
  static constexpr std::size_t size = 32;
  // errc::corrupt when `bytes` is not 32 bytes, naming `what` (e.g. "the escrow public key").
  static x25519_public_key from_bytes(std::span<const std::uint8_t> bytes, std::string_view what);
  const std::array<std::uint8_t, size>& bytes() const noexcept { return bytes_; }
  // Constant time.
  bool operator==(const x25519_public_key& other) const noexcept;

 private:
  explicit x25519_public_key(const std::array<std::uint8_t, size>& bytes) : bytes_(bytes) {}
  std::array<std::uint8_t, size> bytes_{};
};

class x25519_private_key {
 public:
  static constexpr std::size_t seed_size = 32;
  // The key whose private scalar is `seed` (32 bytes, e.g. derived with HKDF), so a key can be
  // re-made from a secret instead of stored. errc::internal for another length.
  static x25519_private_key from_seed(const secret& seed);
  static x25519_private_key generate();
  x25519_public_key public_key() const;
  // The 32 private bytes, to be wrapped (never stored in clear).
  secret seed() const;

 private:
  explicit x25519_private_key(ossl::pkey_ptr key) : key_(std::move(key)) {}
  ossl::pkey_ptr key_;
  friend secret open_sealed(const x25519_private_key&, std::span<const std::uint8_t>, std::string_view);
};

// Seals `plaintext` to `to`, bound to `associated_data`.
std::vector<std::uint8_t> seal_to(const x25519_public_key& to, const secret& plaintext,
                                  std::string_view associated_data);

// Reverses seal_to(). Any change to the blob, another key or other associated data is
// errc::crypto ("sealed data does not verify"); no byte of unverified plaintext is returned.
secret open_sealed(const x25519_private_key& key, std::span<const std::uint8_t> blob,
                   std::string_view associated_data);

// True when `blob` starts like a seal_to() blob (version 2), to tell the two kinds of sealed key apart.
bool is_sealed_to_public_key(std::span<const std::uint8_t> blob) noexcept;

}  // namespace arbor::km::crypto
