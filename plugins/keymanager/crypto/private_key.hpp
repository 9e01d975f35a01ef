#pragma once
// A private key (RSA or EC) held in OpenSSL memory. A `private_key` always holds a key. It leaves
// the process only as PKCS#8 DER in a self-wiping km::secret, for sealing or for PKCS#12 export.
#include <openssl/evp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {

class certificate;

class private_key {
 public:
  // RSA with 2048 to 16384 bits; anything else is errc::bad_input.
  static private_key generate_rsa(unsigned bits);
  // A NIST curve by name: "P-256", "P-384" or "P-521"; others are errc::bad_input.
  static private_key generate_ec(std::string_view curve);
  // Unencrypted PKCS#8 PrivateKeyInfo; errc::bad_input when it does not parse.
  static private_key from_pkcs8_der(const secret& der);
  // Takes ownership; `key` must not be null and must contain a private key.
  explicit private_key(ossl::pkey_ptr key);

  private_key(private_key&&) noexcept = default;
  private_key& operator=(private_key&&) noexcept = default;
  private_key(const private_key&) = delete;
  private_key& operator=(const private_key&) = delete;
  ~private_key() = default;

  secret to_pkcs8_der() const;
  // True when `cert` carries this key's public half.
  bool matches(const certificate& cert) const;
  std::string algorithm() const;  // "RSA 3072", "EC P-384"
  std::vector<std::uint8_t> public_key_der() const;  // SubjectPublicKeyInfo
  std::string public_key_sha256_hex() const;         // compare keys across servers with this

  // The OpenSSL object, still owned by this key.
  EVP_PKEY* native() const noexcept { return key_.get(); }

 private:
  ossl::pkey_ptr key_;
};

}  // namespace arbor::km::crypto
