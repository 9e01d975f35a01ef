#include "crypto/hkdf.hpp"

#include <openssl/core_names.h>
#include <openssl/kdf.h>

#include <array>
#include <string>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

// RFC 5869 section 2.3: at most 255 blocks of the hash's output.
constexpr std::size_t max_length = 255 * 32;

// OSSL_PARAM points at its data without copying and without const, though HKDF only reads it.
OSSL_PARAM octets(const char* name, const void* data, std::size_t size) {
  return OSSL_PARAM_construct_octet_string(name, const_cast<void*>(data), size);
}

// Fetched once: an export opens a key sealed at enrollment with one HKDF each, and a fetch costs as
// much as the derivation. EVP_KDF objects may be shared between threads.
EVP_KDF* hkdf() {
  static const ossl::kdf_ptr fetched(
      ossl::require(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr), "HKDF is not available in this OpenSSL"));
  return fetched.get();
}

}  // namespace

secret hkdf_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> salt,
                   std::string_view info, std::size_t length) {
  if (length == 0 || length > max_length) {
    throw error(errc::internal, "HKDF-SHA256 cannot derive " + std::to_string(length) + " bytes",
                "the length must be 1 to " + std::to_string(max_length));
  }
  const ossl::kdf_ctx_ptr ctx(ossl::require(EVP_KDF_CTX_new(hkdf()), "could not allocate an HKDF context"));
  char digest[] = "SHA256";
  std::array<OSSL_PARAM, 5> params{
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      octets(OSSL_KDF_PARAM_KEY, key.data(), key.size()),
      octets(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end(),
      OSSL_PARAM_construct_end(),
  };
  // OpenSSL refuses an empty salt parameter; left out, it is RFC 5869's "not provided".
  if (!salt.empty()) params[3] = octets(OSSL_KDF_PARAM_SALT, salt.data(), salt.size());
  secret derived(length);
  ossl::require_ok(EVP_KDF_derive(ctx.get(), derived.data(), derived.size(), params.data()),
                   "could not derive a key with HKDF-SHA256");
  return derived;
}

}  // namespace arbor::km::crypto
