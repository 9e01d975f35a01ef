#include "bench_ca.hpp"

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <string>

#include "crypto/ossl.hpp"

namespace arbor::km::bench {
namespace {

namespace ossl = crypto::ossl;

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
crypto::certificate make(const crypto::private_key& subject_key, const crypto::private_key& issuer_key,
                         X509* issuer, std::uint64_t serial, const std::string& cn, bool ca) {
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
  return crypto::certificate(std::move(cert));
}

}  // namespace

bench_ca::bench_ca(int pool_size)
    : ca_key_(crypto::private_key::generate_ec("P-256")),
      ca_cert_(make(ca_key_, ca_key_, nullptr, 1, "Export Bench Test CA", true)) {
  for (int n = 0; n < pool_size; ++n) pool_.push_back(crypto::private_key::generate_rsa(2048));
}

crypto::certificate bench_ca::issue(std::uint64_t serial) const {
  return make(key_for(serial), ca_key_, ca_cert_.native(), serial, "bench user " + std::to_string(serial / 2), false);
}

}  // namespace arbor::km::bench
