#include "crypto/server_identity.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "common/atomic_file.hpp"
#include "common/km_error.hpp"
#include "crypto/common_name.hpp"
#include "crypto/file_reader.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::chrono::days max_validity{36525};
constexpr std::size_t max_sealed_key_bytes = 64 * 1024;
constexpr int serial_bits = 128;

private_key generate_key(key_type type) {
  switch (type) {
    case key_type::rsa3072:
      return private_key::generate_rsa(3072);
    case key_type::ec_p384:
      return private_key::generate_ec("P-384");
  }
  throw error(errc::internal, "unknown server identity key type");
}

// A hash as strong as the key: SHA-256 for RSA 3072 (128-bit security), SHA-384 for P-384 (192).
const EVP_MD* signature_digest(key_type type) {
  return type == key_type::ec_p384 ? EVP_sha384() : EVP_sha256();
}

const char* key_usage(key_type type) {
  return type == key_type::ec_p384 ? "critical,digitalSignature,keyAgreement"
                                   : "critical,digitalSignature,keyEncipherment";
}

// key_usage() as the bits X509_get_key_usage() reports.
std::uint32_t key_usage_bits(int key_base_id) {
  return key_base_id == EVP_PKEY_EC ? (KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT)
                                    : (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
}

bool is_critical(X509* cert, int nid) {
  const int at = X509_get_ext_by_NID(cert, nid, -1);
  return at >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, at)) == 1;
}

bool verifies_itself(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);  // owned by the certificate
  const bool ok = key != nullptr && X509_verify(cert, key) == 1;
  ERR_clear_error();  // a failure is reported in words by the caller
  return ok;
}

void validate_validity(std::chrono::days validity) {
  if (validity < std::chrono::days{1} || validity > max_validity) {
    throw error(errc::bad_input, "the certificate validity must be between 1 day and 100 years");
  }
}

void set_random_serial(X509* cert) {
  const ossl::bignum_ptr serial(ossl::require(BN_new(), "could not allocate a serial number"));
  // Top bit set: always 16 octets, positive and non-zero (RFC 5280 4.1.2.2), 127 random bits.
  ossl::require_ok(BN_rand(serial.get(), serial_bits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY),
                   "could not draw a serial number");
  ossl::require(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)),
                "could not set the serial number");
}

void set_name(X509* cert, std::string_view common_name) {
  X509_NAME* name = X509_get_subject_name(cert);  // owned by the certificate
  add_common_name(name, common_name, "the server name");
  ossl::require_ok(X509_set_issuer_name(cert, name), "could not set the certificate issuer");
}

void set_validity(X509* cert, std::chrono::sys_seconds now, std::chrono::days days) {
  const std::time_t start = static_cast<std::time_t>(now.time_since_epoch().count());
  ossl::require(ASN1_TIME_adj(X509_getm_notBefore(cert), start, 0, 0),
                "could not set the certificate start date");
  ossl::require(ASN1_TIME_adj(X509_getm_notAfter(cert), start, static_cast<int>(days.count()), 0),
                "could not set the certificate end date");
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  const ossl::x509_extension_ptr ext(ossl::require(
      X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value), "could not build a certificate extension"));
  ossl::require_ok(X509_add_ext(cert, ext.get(), -1), "could not add a certificate extension");
}

// Everything that does not depend on the key, so bad input is refused before key generation.
ossl::x509_ptr unsigned_certificate(std::string_view common_name, std::chrono::days validity,
                                    std::chrono::sys_seconds now) {
  ossl::x509_ptr cert(ossl::require(X509_new(), "could not allocate a certificate"));
  ossl::require_ok(X509_set_version(cert.get(), X509_VERSION_3), "could not set the version");
  set_name(cert.get(), common_name);
  set_random_serial(cert.get());
  set_validity(cert.get(), now, validity);
  return cert;
}

certificate self_sign(ossl::x509_ptr cert, const private_key& key, key_type type) {
  ossl::require_ok(X509_set_pubkey(cert.get(), key.native()), "could not set the public key");
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), NID_key_usage, key_usage(type));
  add_extension(cert.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), key.native(), signature_digest(type)) <= 0) {
    ossl::throw_crypto("could not sign the server certificate");
  }
  return certificate(std::move(cert));
}

secret unseal_key(const std::filesystem::path& path, const sealing_key& sealing_key) {
  const std::vector<std::uint8_t> sealed = read_file(path, max_sealed_key_bytes);
  try {
    return sealing_key.unseal(sealed, server_identity::sealed_key_label);
  } catch (const error& e) {
    if (e.code() != errc::crypto) throw;
    throw error(errc::crypto,
                "the server key " + path.string() + " cannot be opened with this master key (" +
                    e.what() + "). Check that the master key file is the one created with it",
                e.technical());
  }
}

std::span<const std::uint8_t> as_bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

server_identity::server_identity(private_key key, certificate cert)
    : key_(std::move(key)), cert_(std::move(cert)) {}

server_identity server_identity::generate(key_type type, std::string_view common_name,
                                          std::chrono::days validity,
                                          std::chrono::sys_seconds now) {
  validate_validity(validity);
  ossl::x509_ptr unsigned_cert = unsigned_certificate(common_name, validity, now);
  private_key key = generate_key(type);
  certificate cert = self_sign(std::move(unsigned_cert), key, type);
  return server_identity(std::move(key), std::move(cert));
}

server_identity server_identity::from_parts(private_key key, certificate cert) {
  if (!key.matches(cert)) {
    throw error(errc::corrupt, "the server identity's key does not belong to its certificate: restore kms.db from a backup");
  }
  return server_identity(std::move(key), std::move(cert));
}

server_identity server_identity::load(const std::filesystem::path& dir,
                                      const sealing_key& sealing_key) {
  certificate cert = certificate::from_file(dir / certificate_file);
  private_key key = private_key::from_pkcs8_der(unseal_key(dir / sealed_key_file, sealing_key));
  if (!key.matches(cert)) {
    throw error(errc::corrupt,
                "the server identity in " + dir.string() + " is inconsistent: " +
                    std::string(sealed_key_file) + " does not belong to " +
                    std::string(certificate_file) +
                    ". Restore both files together from the same backup");
  }
  return server_identity(std::move(key), std::move(cert));
}

std::optional<std::string> why_not_a_server_identity(const certificate& cert) {
  X509* x = cert.native();
  if (X509_get_version(x) != X509_VERSION_3) return "it is not an X.509 version 3 certificate";
  const std::uint32_t flags = X509_get_extension_flags(x);  // parses the extensions once
  if ((flags & EXFLAG_INVALID) != 0) return "its extensions are malformed";
  if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) != 0)
    return "it was issued by " + cert.issuer() + ", not by itself";
  if (!verifies_itself(x)) return "its signature does not verify with its own key: it was altered after it was signed";
  const EVP_PKEY* key = X509_get0_pubkey(x);
  const int key_type_id = EVP_PKEY_get_base_id(key);
  if (key_type_id != EVP_PKEY_RSA && key_type_id != EVP_PKEY_EC)
    return "its key is " + cert.key_algorithm() + ", not RSA or EC";
  if ((flags & EXFLAG_BCONS) == 0 || (flags & EXFLAG_CA) != 0 || !is_critical(x, NID_basic_constraints))
    return "it lacks the critical basicConstraints CA:FALSE every server certificate has";
  if ((flags & EXFLAG_KUSAGE) == 0 || X509_get_key_usage(x) != key_usage_bits(key_type_id) ||
      !is_critical(x, NID_key_usage))
    return std::string("its key usage is not the critical ") +
           (key_type_id == EVP_PKEY_EC ? "digitalSignature, keyAgreement" : "digitalSignature, keyEncipherment") +
           " of a server certificate";
  if (X509_get0_subject_key_id(x) == nullptr) return "it has no subjectKeyIdentifier";
  return std::nullopt;
}

void server_identity::write_certificate(const certificate& cert, const std::filesystem::path& dir) {
  write_file_atomically(dir / certificate_file, as_bytes(cert.pem()), 0644, if_exists::replace);
}

}  // namespace arbor::km::crypto
