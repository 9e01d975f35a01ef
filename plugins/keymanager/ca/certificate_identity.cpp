#include "ca/certificate_identity.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace arbor::km::ca {
namespace {

struct bio_free {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
struct x509_free {
  void operator()(X509* x) const noexcept { X509_free(x); }
};
struct bn_free {
  void operator()(BIGNUM* b) const noexcept { BN_free(b); }
};
struct openssl_string_free {
  void operator()(char* s) const noexcept { OPENSSL_free(s); }
};
using x509_ptr = std::unique_ptr<X509, x509_free>;

// The most recent OpenSSL error as text, and the queue cleared so it does not leak into the
// next caller's diagnostics.
std::string openssl_error() {
  char text[256] = {};
  ERR_error_string_n(ERR_peek_last_error(), text, sizeof text);
  ERR_clear_error();
  return text;
}

std::string serial_decimal(const X509& cert) {
  std::unique_ptr<BIGNUM, bn_free> serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(&cert), nullptr));
  if (!serial) throw error(errc::crypto, "Could not read a certificate's serial number.", openssl_error());
  std::unique_ptr<char, openssl_string_free> text(BN_bn2dec(serial.get()));
  if (!text) throw error(errc::crypto, "Could not print a certificate's serial number.", openssl_error());
  return text.get();
}

std::string authority_key_id_hex(X509& cert) {
  const ASN1_OCTET_STRING* id = X509_get0_authority_key_id(&cert);
  if (id == nullptr) return {};
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * static_cast<std::size_t>(ASN1_STRING_length(id)));
  const unsigned char* bytes = ASN1_STRING_get0_data(id);
  for (int i = 0; i < ASN1_STRING_length(id); ++i) {
    hex += digits[bytes[i] >> 4];
    hex += digits[bytes[i] & 0x0f];
  }
  return hex;
}

std::vector<std::uint8_t> der_of(X509& cert) {
  const int size = i2d_X509(&cert, nullptr);
  if (size <= 0) throw error(errc::crypto, "Could not encode a certificate as DER.", openssl_error());
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  if (i2d_X509(&cert, &out) != size) {
    throw error(errc::crypto, "Could not encode a certificate as DER.", openssl_error());
  }
  return der;
}

}  // namespace

issued_certificate read_issued_certificate(const std::string& pem) {
  std::unique_ptr<BIO, bio_free> in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!in) throw error(errc::internal, "Out of memory reading a certificate.", openssl_error());
  x509_ptr cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    throw error(errc::ca_error, "Certificate Services returned a certificate that cannot be read.",
                "PEM_read_bio_X509: " + openssl_error());
  }
  return {pem, der_of(*cert), serial_decimal(*cert), authority_key_id_hex(*cert)};
}

revocation revocation_for(std::span<const std::uint8_t> der, revocation_reason reason) {
  const unsigned char* in = der.data();
  x509_ptr cert(d2i_X509(nullptr, &in, static_cast<long>(der.size())));
  if (!cert || in != der.data() + der.size()) {
    throw error(errc::bad_input, "The stored certificate to revoke is not a DER certificate.",
                cert ? "trailing bytes after the certificate" : "d2i_X509: " + openssl_error());
  }
  return {serial_decimal(*cert), authority_key_id_hex(*cert), reason};
}

}  // namespace arbor::km::ca
