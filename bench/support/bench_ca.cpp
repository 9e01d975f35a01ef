#include "bench_ca.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>

#include "crypto/ossl.hpp"

namespace arbor::km::bench {
namespace {

namespace ossl = crypto::ossl;

// The template's serial: eight bytes whose low seven are replaced, with the top bit clear so the
// INTEGER keeps its length.
constexpr std::uint64_t template_serial = 0x4000000000000000ULL;
constexpr std::uint8_t serial_marker[] = {0x02, 0x08, 0x40, 0, 0, 0, 0, 0, 0, 0};
constexpr std::string_view subject_prefix = "bench user ";
constexpr std::size_t number_digits = 12;
constexpr std::uint64_t max_number = 1'000'000'000'000;  // 10^number_digits, and 2 * it is below 2^56

void add_cn(X509_NAME* name, const std::string& cn) {
  ossl::require_ok(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                              reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0),
                   "CN");
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ossl::x509_extension_ptr ext(ossl::require(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value), "extension"));
  ossl::require_ok(X509_add_ext(cert, ext.get(), -1), "X509_add_ext");
}

// A certificate for `subject_key` signed by `issuer_key`; `issuer` null: self-signed.
ossl::x509_ptr make(const crypto::private_key& subject_key, const crypto::private_key& issuer_key, X509* issuer,
                    std::uint64_t serial, const std::string& cn, bool ca) {
  ossl::x509_ptr cert(ossl::require(X509_new(), "X509_new"));
  ossl::require_ok(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");
  ossl::require_ok(ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial), "serial");
  add_cn(X509_get_subject_name(cert.get()), cn);
  ossl::require_ok(X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer)
                                                           : X509_get_subject_name(cert.get())),
                   "issuer");
  ossl::require(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0), "notBefore");
  ossl::require(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600), "notAfter");
  ossl::require_ok(X509_set_pubkey(cert.get(), subject_key.native()), "pubkey");
  X509* signer = issuer ? issuer : cert.get();
  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid");
  add_extension(cert.get(), signer, NID_key_usage, ca ? "critical,keyCertSign" : "critical,keyEncipherment");
  if (X509_sign(cert.get(), issuer_key.native(), EVP_sha256()) <= 0) ossl::throw_crypto("X509_sign");
  return cert;
}

std::vector<std::uint8_t> der_of(X509* cert) {
  const int size = i2d_X509(cert, nullptr);
  if (size <= 0) ossl::throw_crypto("i2d_X509");
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  i2d_X509(cert, &out);
  return der;
}

// The length of the DER element at `at` (header included); only what certificates of this size use.
std::size_t element_size(const std::vector<std::uint8_t>& der, std::size_t at) {
  const std::uint8_t first = der.at(at + 1);
  if (first < 0x80) return 2 + first;
  if (first == 0x81) return 3 + der.at(at + 2);
  if (first == 0x82) return 4 + (static_cast<std::size_t>(der.at(at + 2)) << 8 | der.at(at + 3));
  throw std::runtime_error("bench_ca: unexpected DER length");
}

std::size_t find(const std::vector<std::uint8_t>& in, std::span<const std::uint8_t> what) {
  const auto at = std::search(in.begin(), in.end(), what.begin(), what.end());
  if (at == in.end()) throw std::runtime_error("bench_ca: template field not found");
  return static_cast<std::size_t>(at - in.begin());
}

void put_length(std::vector<std::uint8_t>& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
  } else if (length < 0x100) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(length)});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)});
  }
}

}  // namespace

bench_ca::bench_ca(int pool_size)
    : ca_key_(crypto::private_key::generate_ec("P-256")),
      ca_cert_(make(ca_key_, ca_key_, nullptr, 1, "Export Bench Test CA", true)) {
  for (int n = 0; n < pool_size; ++n) pool_.push_back(templated(crypto::private_key::generate_rsa(2048)));
}

bench_ca::pool_key bench_ca::templated(crypto::private_key key) const {
  const std::string cn = std::string(subject_prefix) + std::string(number_digits, '0');
  const auto der = der_of(make(key, ca_key_, ca_cert_.native(), template_serial, cn, false).get());
  const std::size_t tbs_at = 4;  // after the outer SEQUENCE's header (30 82 hi lo)
  const std::size_t tbs_size = element_size(der, tbs_at);
  const std::size_t algorithm_size = element_size(der, tbs_at + tbs_size);
  pool_key out{std::move(key), {}, {der.begin() + tbs_at, der.begin() + static_cast<std::ptrdiff_t>(tbs_at + tbs_size)},
               {der.begin() + static_cast<std::ptrdiff_t>(tbs_at + tbs_size),
                der.begin() + static_cast<std::ptrdiff_t>(tbs_at + tbs_size + algorithm_size)}};
  out.pkcs8 = out.key.to_pkcs8_der();
  out.serial_at = find(out.tbs, serial_marker) + 3;
  out.number_at = find(out.tbs, {reinterpret_cast<const std::uint8_t*>(cn.data()), cn.size()}) + subject_prefix.size();
  return out;
}

std::vector<std::uint8_t> bench_ca::issue_der(std::uint64_t serial) const {
  if (serial / 2 >= max_number) throw std::invalid_argument("bench_ca: serial too large");
  const pool_key& from = pool_[serial % pool_.size()];
  std::vector<std::uint8_t> tbs = from.tbs;
  for (std::size_t i = 0; i < 7; ++i) tbs[from.serial_at + i] = static_cast<std::uint8_t>(serial >> (8 * (6 - i)));
  std::uint64_t number = serial / 2;
  for (std::size_t digit = number_digits; digit-- > 0; number /= 10) tbs[from.number_at + digit] = static_cast<std::uint8_t>('0' + number % 10);

  ossl::md_ctx_ptr ctx(ossl::require(EVP_MD_CTX_new(), "EVP_MD_CTX_new"));
  ossl::require_ok(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, ca_key_.native()), "EVP_DigestSignInit");
  std::uint8_t signature[80];
  std::size_t signature_size = sizeof signature;
  ossl::require_ok(EVP_DigestSign(ctx.get(), signature, &signature_size, tbs.data(), tbs.size()), "EVP_DigestSign");

  const std::size_t bits_size = 1 + signature_size;
  std::vector<std::uint8_t> der{0x30};
  put_length(der, tbs.size() + from.algorithm.size() + 2 + bits_size);
  der.insert(der.end(), tbs.begin(), tbs.end());
  der.insert(der.end(), from.algorithm.begin(), from.algorithm.end());
  der.push_back(0x03);
  put_length(der, bits_size);
  der.push_back(0);
  der.insert(der.end(), signature, signature + signature_size);
  return der;
}

}  // namespace arbor::km::bench
