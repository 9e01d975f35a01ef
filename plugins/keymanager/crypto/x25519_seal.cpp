#include "crypto/x25519_seal.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <optional>
#include <string>

#include "common/km_error.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/sealed_blob.hpp"

namespace arbor::km::crypto {
namespace {

// The layout in x25519_seal.hpp: the ephemeral public key is the header.
constexpr sealed_blob_format format(2, x25519_public_key::size,
                                    "the sealed data does not verify: it was changed, belongs elsewhere, or was "
                                    "sealed to a different key");
constexpr std::string_view content_key_info = "arbor-km x25519 seal v2";

x25519_public_key public_key_of(EVP_PKEY* key) {
  std::array<std::uint8_t, x25519_public_key::size> bytes{};
  std::size_t size = bytes.size();
  ossl::require_ok(EVP_PKEY_get_raw_public_key(key, bytes.data(), &size), "could not read an X25519 public key");
  return x25519_public_key::from_bytes({bytes.data(), size}, "an X25519 public key");
}

// The X25519 shared secret of `own` and `peer`, or nothing for a low-order `peer`: OpenSSL refuses
// the all-zero result such a point gives (RFC 7748 section 6.1), which anyone could compute.
std::optional<secret> shared_secret(EVP_PKEY* own, const x25519_public_key& peer) {
  const ossl::pkey_ptr peer_key(ossl::require(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, peer.bytes().data(), peer.bytes().size()),
      "could not load an X25519 public key"));
  const ossl::pkey_ctx_ptr ctx(ossl::require(EVP_PKEY_CTX_new(own, nullptr), "could not allocate a key context"));
  ossl::require_ok(EVP_PKEY_derive_init(ctx.get()), "could not start an X25519 key agreement");
  secret shared(x25519_public_key::size);
  std::size_t size = shared.size();
  if (EVP_PKEY_derive_set_peer(ctx.get(), peer_key.get()) != 1 || EVP_PKEY_derive(ctx.get(), shared.data(), &size) != 1 ||
      size != shared.size()) {
    return std::nullopt;
  }
  return shared;
}

// Bound to both public keys, so a blob's key serves only this ephemeral key and this recipient.
secret content_key(const secret& shared, const x25519_public_key& ephemeral, const x25519_public_key& recipient) {
  std::array<std::uint8_t, 2 * x25519_public_key::size> salt{};
  std::copy(ephemeral.bytes().begin(), ephemeral.bytes().end(), salt.begin());
  std::copy(recipient.bytes().begin(), recipient.bytes().end(), salt.begin() + x25519_public_key::size);
  return hkdf_sha256({shared.data(), shared.size()}, salt, content_key_info, sealed_blob_format::key_size);
}

ossl::pkey_ptr new_private_key() {
  return ossl::pkey_ptr(ossl::require(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"), "could not generate an X25519 key"));
}

}  // namespace

x25519_public_key x25519_public_key::from_bytes(std::span<const std::uint8_t> bytes, std::string_view what) {
  if (bytes.size() != size) {
    throw error(errc::corrupt, std::string(what) + " is damaged: it has " + std::to_string(bytes.size()) +
                                   " bytes instead of " + std::to_string(size));
  }
  std::array<std::uint8_t, size> copy{};
  std::copy(bytes.begin(), bytes.end(), copy.begin());
  return x25519_public_key(copy);
}

bool x25519_public_key::operator==(const x25519_public_key& other) const noexcept {
  return CRYPTO_memcmp(bytes_.data(), other.bytes_.data(), size) == 0;
}

x25519_private_key x25519_private_key::from_seed(const secret& seed) {
  if (seed.size() != seed_size) {
    throw error(errc::internal, "an X25519 seed is " + std::to_string(seed.size()) + " bytes instead of 32");
  }
  return x25519_private_key(ossl::pkey_ptr(
      ossl::require(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, seed.data(), seed.size()),
                    "could not load an X25519 private key")));
}

x25519_private_key x25519_private_key::generate() { return x25519_private_key(new_private_key()); }

x25519_public_key x25519_private_key::public_key() const { return public_key_of(key_.get()); }

secret x25519_private_key::seed() const {
  secret seed(seed_size);
  std::size_t size = seed.size();
  ossl::require_ok(EVP_PKEY_get_raw_private_key(key_.get(), seed.data(), &size), "could not read an X25519 private key");
  return seed;
}

std::vector<std::uint8_t> seal_to(const x25519_public_key& to, const secret& plaintext,
                                  std::string_view associated_data) {
  const ossl::pkey_ptr ephemeral = new_private_key();
  const x25519_public_key ephemeral_public = public_key_of(ephemeral.get());
  const std::optional<secret> shared = shared_secret(ephemeral.get(), to);
  if (!shared) {
    throw error(errc::crypto, "cannot seal to this public key: it is not a usable X25519 key (a low-order point)",
                ossl::openssl_errors());
  }
  std::vector<std::uint8_t> blob(1 + x25519_public_key::size);
  blob[0] = format.version();
  std::copy(ephemeral_public.bytes().begin(), ephemeral_public.bytes().end(), blob.begin() + 1);
  format.seal(content_key(*shared, ephemeral_public, to), associated_data, plaintext, blob);
  return blob;
}

secret open_sealed(const x25519_private_key& key, std::span<const std::uint8_t> blob,
                   std::string_view associated_data) {
  format.check_frame(blob);
  const auto ephemeral = x25519_public_key::from_bytes(blob.subspan(1, x25519_public_key::size), "an ephemeral key");
  const std::optional<secret> shared = shared_secret(key.key_.get(), ephemeral);
  if (!shared) format.refuse("the ephemeral key is a low-order point; " + ossl::openssl_errors());
  return format.open(content_key(*shared, ephemeral, key.public_key()), blob, associated_data);
}

bool is_sealed_to_public_key(std::span<const std::uint8_t> blob) noexcept {
  return !blob.empty() && blob[0] == format.version();
}

}  // namespace arbor::km::crypto
