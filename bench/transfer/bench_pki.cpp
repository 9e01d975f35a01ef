#include "bench_pki.hpp"

#include <openssl/x509.h>

#include <string>

#include "crypto/ossl.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::bench {
namespace {

namespace ossl = crypto::ossl;

// A minimal self-signed certificate: the benchmark only needs realistic sizes, not semantics.
std::vector<std::uint8_t> self_signed_der(const crypto::private_key& key, int n) {
  ossl::x509_ptr cert(ossl::require(X509_new(), "X509_new"));
  ossl::require_ok(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");
  ossl::require_ok(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), n + 1), "serial");
  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string cn = "bench user " + std::to_string(n);
  ossl::require_ok(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                              reinterpret_cast<const unsigned char*>(cn.c_str()),
                                              -1, -1, 0),
                   "CN");
  ossl::require_ok(X509_set_issuer_name(cert.get(), name), "issuer");
  ossl::require(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0), "notBefore");
  ossl::require(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600), "notAfter");
  ossl::require_ok(X509_set_pubkey(cert.get(), key.native()), "pubkey");
  if (X509_sign(cert.get(), key.native(), EVP_sha256()) <= 0) ossl::throw_crypto("X509_sign");
  const int size = i2d_X509(cert.get(), nullptr);
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* p = der.data();
  i2d_X509(cert.get(), &p);
  return der;
}

}  // namespace

std::vector<pooled_key> make_key_pool(int count) {
  std::vector<pooled_key> pool;
  for (int n = 0; n < count; ++n) {
    const crypto::private_key key = crypto::private_key::generate_rsa(2048);
    pool.push_back({self_signed_der(key, n), key.to_pkcs8_der()});
  }
  return pool;
}

}  // namespace arbor::km::bench
