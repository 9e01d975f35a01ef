#include "crypto/private_key.hpp"

#include <openssl/ec.h>
#include <openssl/objects.h>

#include <algorithm>
#include <array>
#include <climits>

#include "common/km_error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/key_info.hpp"

namespace arbor::km::crypto {
namespace {

constexpr unsigned min_rsa_bits = 2048;
constexpr unsigned max_rsa_bits = 16384;
constexpr std::array<std::string_view, 3> supported_curves = {"P-256", "P-384", "P-521"};

}  // namespace

private_key private_key::generate_rsa(unsigned bits) {
  if (bits < min_rsa_bits || bits > max_rsa_bits) {
    throw error(errc::bad_input, "an RSA key of " + std::to_string(bits) +
                                     " bits is not supported; choose 2048 to 16384 bits");
  }
  return private_key(ossl::pkey_ptr(ossl::require(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)),
      "could not generate an RSA key")));
}

private_key private_key::generate_ec(std::string_view curve) {
  if (std::find(supported_curves.begin(), supported_curves.end(), curve) ==
      supported_curves.end()) {
    throw error(errc::bad_input, "the elliptic curve '" + std::string(curve) +
                                     "' is not supported; choose P-256, P-384 or P-521");
  }
  const std::string name(curve);
  const char* group = OBJ_nid2sn(EC_curve_nist2nid(name.c_str()));
  return private_key(ossl::pkey_ptr(ossl::require(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group),
                                                  "could not generate an EC key")));
}

private_key private_key::from_pkcs8_der(const secret& der) {
  const unsigned char* in = der.data();
  const auto size = static_cast<long>(std::min<std::size_t>(der.size(), LONG_MAX));
  const ossl::pkcs8_ptr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &in, size));
  ossl::pkey_ptr key(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
  if (!key || in != der.data() + der.size()) {
    throw error(errc::bad_input, "the stored private key is not a PKCS#8 private key",
                ossl::openssl_errors());
  }
  return private_key(std::move(key));
}

private_key::private_key(ossl::pkey_ptr key) : key_(std::move(key)) {
  if (!key_) throw error(errc::internal, "a private key was built from nothing", "null EVP_PKEY");
}

secret private_key::to_pkcs8_der() const {
  const ossl::pkcs8_ptr info(
      ossl::require(EVP_PKEY2PKCS8(key_.get()), "could not encode a private key as PKCS#8"));
  const int size = i2d_PKCS8_PRIV_KEY_INFO(info.get(), nullptr);
  if (size <= 0) ossl::throw_crypto("could not encode a private key as PKCS#8");
  // Encode straight into the self-wiping buffer so no other copy of the key exists.
  secret der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  if (i2d_PKCS8_PRIV_KEY_INFO(info.get(), &out) != size) {
    ossl::throw_crypto("could not encode a private key as PKCS#8");
  }
  return der;
}

bool private_key::matches(const certificate& cert) const {
  const EVP_PKEY* public_half = X509_get0_pubkey(cert.native());
  return public_half != nullptr && EVP_PKEY_eq(key_.get(), public_half) == 1;
}

std::string private_key::algorithm() const { return key_algorithm(*key_); }

std::vector<std::uint8_t> private_key::public_key_der() const { return public_key_info_der(*key_); }

std::string private_key::public_key_sha256_hex() const {
  return crypto::public_key_sha256_hex(*key_);
}

}  // namespace arbor::km::crypto
