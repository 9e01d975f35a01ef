#include "crypto/key_info.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

#include "common/hex.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

// The NIST name operators know ("P-384") for the curve OpenSSL calls "secp384r1".
std::string curve_name(const EVP_PKEY& key) {
  char group[80] = {};
  if (EVP_PKEY_get_utf8_string_param(&key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     nullptr) != 1) {
    ossl::throw_crypto("could not read the curve of an EC key");
  }
  const char* nist = EC_curve_nid2nist(OBJ_sn2nid(group));
  return nist != nullptr ? nist : group;
}

}  // namespace

std::string key_algorithm(const EVP_PKEY& key) {
  switch (EVP_PKEY_get_base_id(&key)) {
    case EVP_PKEY_RSA:
      return "RSA " + std::to_string(EVP_PKEY_get_bits(&key));
    case EVP_PKEY_EC:
      return "EC " + curve_name(key);
    default: {
      const char* name = EVP_PKEY_get0_type_name(&key);
      return name != nullptr ? name : "unknown algorithm";
    }
  }
}

std::vector<std::uint8_t> public_key_info_der(const EVP_PKEY& key) {
  const int size = i2d_PUBKEY(&key, nullptr);
  if (size <= 0) ossl::throw_crypto("could not encode a public key");
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  if (i2d_PUBKEY(&key, &out) != size) ossl::throw_crypto("could not encode a public key");
  return der;
}

std::string public_key_sha256_hex(const EVP_PKEY& key) {
  const std::vector<std::uint8_t> der = public_key_info_der(key);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ossl::require_ok(EVP_Digest(der.data(), der.size(), digest, &length, EVP_sha256(), nullptr),
                   "could not hash a public key");
  return to_hex({digest, length});
}

}  // namespace arbor::km::crypto
