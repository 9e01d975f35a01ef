#include "crypto/certificate.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>

#include "common/km_error.hpp"
#include "crypto/certificate_fields.hpp"
#include "crypto/file_reader.hpp"
#include "crypto/key_info.hpp"
#include "crypto/thumbprint.hpp"

namespace arbor::km::crypto {
namespace {

// Certificate files are a few kilobytes; a chain file or bundle stays well under this.
constexpr std::size_t max_certificate_file_bytes = 1 << 20;

[[noreturn]] void throw_not_a_certificate(std::string_view source) {
  throw error(errc::bad_input,
              std::string(source) + " is not an X.509 certificate (expected PEM or DER)",
              ossl::openssl_errors());
}

bool looks_like_pem(std::span<const std::uint8_t> bytes) {
  const auto first = std::find_if_not(bytes.begin(), bytes.end(),
                                      [](std::uint8_t c) { return std::isspace(c) != 0; });
  static constexpr std::string_view marker = "-----BEGIN";
  return static_cast<std::size_t>(bytes.end() - first) >= marker.size() &&
         std::equal(marker.begin(), marker.end(), first);
}

ossl::x509_ptr parse_pem(std::span<const std::uint8_t> bytes) {
  ossl::bio_ptr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) return nullptr;
  return ossl::x509_ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// DER must be exactly one certificate: trailing bytes mean a different or damaged file.
ossl::x509_ptr parse_der(std::span<const std::uint8_t> bytes) {
  const unsigned char* in = bytes.data();
  ossl::x509_ptr cert(d2i_X509(nullptr, &in, static_cast<long>(bytes.size())));
  if (cert && in != bytes.data() + bytes.size()) return nullptr;
  return cert;
}

encryption_suitability refuse(std::string reason) { return {false, std::move(reason)}; }

}  // namespace

certificate certificate::from_file(const std::filesystem::path& path) {
  return from_bytes(read_file(path, max_certificate_file_bytes), path.string());
}

certificate certificate::from_bytes(std::span<const std::uint8_t> bytes, std::string_view source) {
  if (bytes.size() > max_certificate_file_bytes) throw_not_a_certificate(source);
  ossl::x509_ptr cert = looks_like_pem(bytes) ? parse_pem(bytes) : parse_der(bytes);
  if (!cert) throw_not_a_certificate(source);
  return certificate(std::move(cert));
}

certificate::certificate(ossl::x509_ptr cert) : cert_(std::move(cert)) {
  if (!cert_) throw error(errc::internal, "a certificate was built from nothing", "null X509");
}

certificate::certificate(const certificate& other) : cert_(other.cert_.get()) {
  X509_up_ref(cert_.get());
}

certificate& certificate::operator=(const certificate& other) {
  if (this != &other) {
    X509_up_ref(other.cert_.get());
    cert_.reset(other.cert_.get());
  }
  return *this;
}

std::vector<std::uint8_t> certificate::der() const {
  const int size = i2d_X509(cert_.get(), nullptr);
  if (size <= 0) ossl::throw_crypto("could not encode a certificate");
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  if (i2d_X509(cert_.get(), &p) != size) ossl::throw_crypto("could not encode a certificate");
  return out;
}

std::string certificate::pem() const {
  const ossl::bio_ptr bio = ossl::new_memory_bio();
  ossl::require_ok(PEM_write_bio_X509(bio.get(), cert_.get()), "could not encode a certificate");
  return ossl::memory_bio_text(bio.get());
}

std::string certificate::subject() const { return name_text(X509_get_subject_name(cert_.get())); }
std::string certificate::issuer() const { return name_text(X509_get_issuer_name(cert_.get())); }

std::string certificate::serial_decimal() const { return serial_decimal_text(X509_get0_serialNumber(cert_.get())); }

std::string certificate::serial_hex() const { return serial_hex_text(X509_get0_serialNumber(cert_.get())); }

std::chrono::sys_seconds certificate::not_before() const {
  return to_sys_seconds(X509_get0_notBefore(cert_.get()));
}

std::chrono::sys_seconds certificate::not_after() const {
  return to_sys_seconds(X509_get0_notAfter(cert_.get()));
}

bool certificate::valid_at(std::chrono::sys_seconds when) const {
  return not_before() <= when && when <= not_after();
}

std::optional<std::string> certificate::authority_key_id_hex() const {
  return octets_hex(X509_get0_authority_key_id(cert_.get()));
}

std::optional<std::string> certificate::subject_key_id_hex() const {
  return octets_hex(X509_get0_subject_key_id(cert_.get()));
}

certificate_facts certificate::facts() const {
  std::vector<std::uint8_t> encoded = der();
  std::string sha256 = sha256_hex(std::span<const std::uint8_t>(encoded));
  return {std::move(encoded),  std::move(sha256), serial_decimal(), serial_hex(),
          issuer(),            authority_key_id_hex().value_or(""), not_before(), not_after(),
          subject_public_key_info()};
}

// The SubjectPublicKeyInfo as the certificate holds it (an EC point stays in its own form).
std::vector<std::uint8_t> certificate::subject_public_key_info() const {
  const X509_PUBKEY* info = X509_get_X509_PUBKEY(cert_.get());
  const int size = i2d_X509_PUBKEY(info, nullptr);
  if (size <= 0) ossl::throw_crypto("could not encode a certificate's public key");
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  if (i2d_X509_PUBKEY(info, &p) != size) ossl::throw_crypto("could not encode a certificate's public key");
  return out;
}

ossl::pkey_ptr certificate::public_key() const {
  return ossl::pkey_ptr(
      ossl::require(X509_get_pubkey(cert_.get()), "could not read the certificate's public key"));
}

std::string certificate::key_algorithm() const {
  return crypto::key_algorithm(*public_key());
}

encryption_suitability certificate::can_receive_encryption() const {
  X509* cert = cert_.get();
  // Reading keyUsage parses all extensions; a malformed one makes every answer unreliable.
  const std::uint32_t usage = X509_get_key_usage(cert);
  if ((X509_get_extension_flags(cert) & EXFLAG_INVALID) != 0) {
    return refuse("the certificate's extensions are malformed");
  }
  const bool has_key_usage = (X509_get_extension_flags(cert) & EXFLAG_KUSAGE) != 0;
  const EVP_PKEY* key = X509_get0_pubkey(cert);
  if (key == nullptr) {
    ERR_clear_error();  // the reason is given in words below
    return refuse("the certificate's public key could not be read");
  }
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      if (has_key_usage && (usage & KU_KEY_ENCIPHERMENT) == 0) {
        return refuse("the RSA key's usage does not include keyEncipherment");
      }
      return {true, {}};
    case EVP_PKEY_EC:
      if (has_key_usage && (usage & KU_KEY_AGREEMENT) == 0) {
        return refuse("the EC key's usage does not include keyAgreement");
      }
      return {true, {}};
    default:
      return refuse("a " + key_algorithm() +
                    " key cannot receive encrypted files; only RSA and EC keys can");
  }
}

}  // namespace arbor::km::crypto
