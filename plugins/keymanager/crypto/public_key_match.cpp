#include "crypto/public_key_match.hpp"

#include <openssl/bn.h>
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
#include "crypto/der_cursor.hpp"

namespace arbor::km::crypto {
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

// The magnitude of the next INTEGER (its content without a sign octet), refusing what DER and
// RSA do not allow: an empty, padded or negative integer.
bytes magnitude_of(der_cursor& sequence) {
  const bytes content = sequence.enter(der_tag::integer).rest();
  const bool padded = content.size() > 1 && content[0] == 0 && (content[1] & 0x80) == 0;
  if (content.empty() || (content[0] & 0x80) != 0 || padded) {
    throw error(errc::corrupt, "an RSA key holds an integer that is not a non-negative DER INTEGER");
  }
  return content[0] == 0 ? content.subspan(1) : content;
}

bool is_version_zero(der_cursor& sequence) { return magnitude_of(sequence).empty(); }

template <typename Owned>
Owned number(bytes magnitude) {
  Owned n(BN_bin2bn(magnitude.data(), static_cast<int>(magnitude.size()), nullptr));
  if (!n) throw error(errc::crypto, "OpenSSL could not make room for a number.", "BN_bin2bn");
  return n;
}

// An RSAPublicKey's modulus and exponent, as the BIT STRING of an rsaEncryption key holds them.
struct rsa_public {
  bytes n, e;
};

// nullopt when something follows the two numbers; errc::corrupt when they are not DER integers.
std::optional<rsa_public> rsa_public_of(const public_key_info& info) {
  der_cursor outer(info.key);
  der_cursor numbers = outer.enter(der_tag::sequence);
  rsa_public out;
  out.n = magnitude_of(numbers);
  out.e = magnitude_of(numbers);
  if (!numbers.at_end() || !outer.at_end()) return std::nullopt;
  return out;
}

bool same_number(EVP_PKEY* key, const char* param, bytes expected) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) return false;
  const crypto::ossl::bignum_ptr held(raw);
  return BN_cmp(held.get(), number<crypto::ossl::bignum_ptr>(expected).get()) == 0;
}

bool rsa_matches(EVP_PKEY* key, const public_key_info& info) {
  const auto numbers = rsa_public_of(info);
  return numbers && same_number(key, OSSL_PKEY_PARAM_RSA_N, numbers->n) &&
         same_number(key, OSSL_PKEY_PARAM_RSA_E, numbers->e);
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

struct rsa_private_numbers {
  rsa_public pub;  // compared as bytes: DER integers have one encoding
  crypto::ossl::secret_bignum_ptr d, p, q, dp, dq, qinv;
};

// PKCS#8 v0 (RFC 5208) around RSAPrivateKey v0 (RFC 8017); a multi-prime key is version 1.
std::optional<rsa_private_numbers> rsa_numbers_of(bytes pkcs8) {
  using secret_number = crypto::ossl::secret_bignum_ptr;
  der_cursor outer(pkcs8);
  der_cursor info = outer.enter(der_tag::sequence);
  if (!is_version_zero(info)) return std::nullopt;
  der_cursor algorithm = info.enter(der_tag::sequence);
  if (!std::ranges::equal(algorithm.take(der_tag::oid), rsa_oid)) return std::nullopt;
  if (algorithm.peek_tag() == der_tag::null && algorithm.take(der_tag::null).size() != 2) {
    throw error(errc::corrupt, "an RSA key's algorithm parameters are not NULL");
  }
  const bytes wrapped = info.enter(der_tag::octet_string).rest();
  info.skip_optional(der_tag::context(0));  // attributes
  if (!algorithm.at_end() || !info.at_end() || !outer.at_end()) {
    throw error(errc::corrupt, "an RSA key in PKCS#8 has fields it should not have");
  }
  der_cursor key_outer(wrapped);
  der_cursor key = key_outer.enter(der_tag::sequence);
  if (!is_version_zero(key)) return std::nullopt;
  rsa_private_numbers out;
  out.pub.n = magnitude_of(key);
  out.pub.e = magnitude_of(key);
  for (secret_number* part : {&out.d, &out.p, &out.q, &out.dp, &out.dq, &out.qinv}) {
    *part = number<secret_number>(magnitude_of(key));
  }
  if (!key.at_end() || !key_outer.at_end()) throw error(errc::corrupt, "an RSA key has more than its numbers");
  return out;
}

// n = pq; ed = 1 mod p-1 and mod q-1 (true of d whether it was made modulo phi or lambda);
// dp, dq and qinv are what d, p and q make them.
bool is_whole(const rsa_private_numbers& key) {
  using secret_number = crypto::ossl::secret_bignum_ptr;
  const auto n = number<crypto::ossl::bignum_ptr>(key.pub.n);
  const auto e = number<crypto::ossl::bignum_ptr>(key.pub.e);
  const crypto::ossl::bn_ctx_ptr ctx(BN_CTX_secure_new());
  secret_number t(BN_new()), p1(BN_new()), q1(BN_new());
  if (!ctx || !t || !p1 || !q1) throw error(errc::crypto, "OpenSSL could not make room for a number.", "BN_new");
  if (BN_cmp(key.p.get(), BN_value_one()) <= 0 || BN_cmp(key.q.get(), BN_value_one()) <= 0) return false;
  const bool whole = BN_mul(t.get(), key.p.get(), key.q.get(), ctx.get()) && BN_cmp(t.get(), n.get()) == 0 &&
                     BN_sub(p1.get(), key.p.get(), BN_value_one()) && BN_sub(q1.get(), key.q.get(), BN_value_one()) &&
                     BN_mod_mul(t.get(), e.get(), key.d.get(), p1.get(), ctx.get()) && BN_is_one(t.get()) &&
                     BN_mod_mul(t.get(), e.get(), key.d.get(), q1.get(), ctx.get()) && BN_is_one(t.get()) &&
                     BN_nnmod(t.get(), key.d.get(), p1.get(), ctx.get()) && BN_cmp(t.get(), key.dp.get()) == 0 &&
                     BN_nnmod(t.get(), key.d.get(), q1.get(), ctx.get()) && BN_cmp(t.get(), key.dq.get()) == 0 &&
                     BN_mod_mul(t.get(), key.qinv.get(), key.q.get(), key.p.get(), ctx.get()) && BN_is_one(t.get());
  ERR_clear_error();
  return whole;
}

// The certificate's modulus and exponent; nullopt when it names no RSA key or is not DER.
std::optional<rsa_public> certified_rsa_numbers(bytes spki) {
  try {
    const auto info = split(spki);
    if (!info || !std::ranges::equal(info->algorithm, rsa_oid)) return std::nullopt;
    return rsa_public_of(*info);
  } catch (const error&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<bool> rsa_pkcs8_matches(const secret& pkcs8, std::span<const std::uint8_t> subject_public_key_info) {
  const auto key = rsa_numbers_of(bytes(pkcs8.data(), pkcs8.size()));
  if (!key) return std::nullopt;
  const auto certified = certified_rsa_numbers(subject_public_key_info);
  if (!certified) return std::nullopt;
  return std::ranges::equal(key->pub.n, certified->n) && std::ranges::equal(key->pub.e, certified->e) && is_whole(*key);
}

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

}  // namespace arbor::km::crypto
