#include "transfer/public_key_match.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"
#include "transfer/der_cursor.hpp"

namespace arbor::km::transfer {
namespace {

using bytes = std::span<const std::uint8_t>;

// rsaEncryption (1.2.840.113549.1.1.1) and id-ecPublicKey (1.2.840.10045.2.1), whole DER.
constexpr std::array<std::uint8_t, 11> rsa_oid{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
constexpr std::array<std::uint8_t, 9> ec_oid{0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};

struct public_key_info {
  bytes algorithm;   // the OBJECT IDENTIFIER, whole
  bytes parameters;  // whatever follows it in the AlgorithmIdentifier, whole (may be empty)
  bytes key;         // the BIT STRING's bits (a whole number of octets)
};

std::optional<public_key_info> split(bytes spki) {
  der_cursor outer(spki);
  der_cursor info = outer.enter(der_tag::sequence);
  der_cursor algorithm = info.enter(der_tag::sequence);
  public_key_info out;
  out.algorithm = algorithm.take(der_tag::oid);
  if (algorithm.peek_tag()) out.parameters = algorithm.take(*algorithm.peek_tag());
  if (!algorithm.at_end()) return std::nullopt;
  der_cursor bits = info.enter(der_tag::bit_string);
  const bytes whole = bits.rest();
  if (whole.empty() || whole[0] != 0 || !info.at_end() || !outer.at_end()) return std::nullopt;
  out.key = whole.subspan(1);
  return out;
}

crypto::ossl::bignum_ptr integer_of(der_cursor& sequence) {
  const bytes der = sequence.take(der_tag::integer);
  const unsigned char* in = der.data();
  const crypto::ossl::asn1_integer_ptr value(d2i_ASN1_INTEGER(nullptr, &in, static_cast<long>(der.size())));
  if (!value) return nullptr;
  return crypto::ossl::bignum_ptr(ASN1_INTEGER_to_BN(value.get(), nullptr));
}

bool same_number(EVP_PKEY* key, const char* param, const BIGNUM* expected) {
  BIGNUM* raw = nullptr;
  if (expected == nullptr || EVP_PKEY_get_bn_param(key, param, &raw) != 1) return false;
  const crypto::ossl::bignum_ptr held(raw);
  return BN_cmp(held.get(), expected) == 0;
}

bool rsa_matches(EVP_PKEY* key, const public_key_info& info) {
  der_cursor outer(info.key);
  der_cursor numbers = outer.enter(der_tag::sequence);
  const auto n = integer_of(numbers);
  const auto e = integer_of(numbers);
  return numbers.at_end() && outer.at_end() && same_number(key, OSSL_PKEY_PARAM_RSA_N, n.get()) &&
         same_number(key, OSSL_PKEY_PARAM_RSA_E, e.get());
}

std::optional<std::vector<std::uint8_t>> curve_oid_of(EVP_PKEY* key) {
  char name[80];
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, nullptr) != 1)
    return std::nullopt;
  const ASN1_OBJECT* oid = OBJ_nid2obj(OBJ_txt2nid(name));
  const int size = oid == nullptr ? 0 : i2d_ASN1_OBJECT(oid, nullptr);
  if (size <= 0) return std::nullopt;
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  i2d_ASN1_OBJECT(oid, &out);
  return der;
}

std::optional<std::vector<std::uint8_t>> encoded_point_of(EVP_PKEY* key) {
  std::size_t size = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0, &size) != 1)
    return std::nullopt;
  std::vector<std::uint8_t> point(size);
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(), size, &size) != 1)
    return std::nullopt;
  point.resize(size);
  return point;
}

// nullopt when the certificate's point is not in the form the key gives (compressed), so the
// numbers cannot be compared as bytes.
std::optional<bool> ec_matches(EVP_PKEY* key, const public_key_info& info) {
  const auto curve = curve_oid_of(key);
  const auto point = encoded_point_of(key);
  if (!curve || !point || info.key.empty() || point->empty() || info.key[0] != (*point)[0]) return std::nullopt;
  return std::ranges::equal(info.parameters, *curve) && std::ranges::equal(info.key, *point);
}

bool decoded_matches(EVP_PKEY* key, bytes spki) {
  const unsigned char* in = spki.data();
  const crypto::ossl::pkey_ptr public_half(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  return public_half && in == spki.data() + spki.size() && EVP_PKEY_eq(key, public_half.get()) == 1;
}

}  // namespace

bool public_key_matches(const crypto::private_key& key, std::span<const std::uint8_t> subject_public_key_info) {
  EVP_PKEY* native = key.native();
  try {
    const auto info = split(subject_public_key_info);
    if (!info) return false;
    const bool rsa = EVP_PKEY_get_base_id(native) == EVP_PKEY_RSA;
    if (rsa && std::ranges::equal(info->algorithm, rsa_oid)) return rsa_matches(native, *info);
    if (!rsa && EVP_PKEY_get_base_id(native) == EVP_PKEY_EC && std::ranges::equal(info->algorithm, ec_oid)) {
      if (const auto matched = ec_matches(native, *info)) return *matched;
    }
    return decoded_matches(native, subject_public_key_info);
  } catch (const error&) {
    ERR_clear_error();
    return false;  // a public key that is not well-formed DER names no key
  }
}

}  // namespace arbor::km::transfer
