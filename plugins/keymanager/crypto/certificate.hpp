#pragma once
// An X.509 certificate, parsed and held by value: the one certificate type of the Key Manager
// (Certificate Services returns one, the server identity and a transfer's destination are one).
// A `certificate` always holds a certificate: construction either succeeds or throws, so no
// method needs to check for "empty".
#include <openssl/x509.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/certificate_facts.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {

// Whether a certificate's key may be used to encrypt a transfer file to its holder, and if not,
// why not (in words for the operator).
struct encryption_suitability {
  bool suitable = false;
  std::string reason;  // empty when suitable
  explicit operator bool() const noexcept { return suitable; }
};

class certificate {
 public:
  // Reads PEM or DER (detected from the content). Throws errc::not_found / errc::io for the
  // file, errc::bad_input when the content is not a certificate.
  static certificate from_file(const std::filesystem::path& path);
  // `source` names the data in error messages ("the file you chose", a path, "user 42's key").
  static certificate from_bytes(std::span<const std::uint8_t> bytes,
                                std::string_view source = "the data");
  // Takes ownership of an already parsed certificate; `cert` must not be null.
  explicit certificate(ossl::x509_ptr cert);

  // Copies share the immutable underlying X509 (reference counted by OpenSSL).
  certificate(const certificate& other);
  certificate& operator=(const certificate& other);
  certificate(certificate&&) noexcept = default;
  certificate& operator=(certificate&&) noexcept = default;
  ~certificate() = default;

  std::vector<std::uint8_t> der() const;
  std::string pem() const;

  // One line, RFC 2253 order and escaping ("CN=Alice,O=Example"), UTF-8 kept readable.
  std::string subject() const;
  std::string issuer() const;
  std::string serial_decimal() const;
  std::string serial_hex() const;  // lowercase, no separators
  std::chrono::sys_seconds not_before() const;
  std::chrono::sys_seconds not_after() const;
  bool valid_at(std::chrono::sys_seconds when) const;

  // Key identifier extensions as lowercase hex, or nullopt when the certificate has none.
  std::optional<std::string> authority_key_id_hex() const;
  std::optional<std::string> subject_key_id_hex() const;

  // What a key history entry records about this certificate (crypto/certificate_facts.hpp).
  certificate_facts facts() const;

  // A new reference to the certificate's public key.
  ossl::pkey_ptr public_key() const;
  std::string key_algorithm() const;  // "RSA 3072", "EC P-384"
  // RSA keys need keyEncipherment and EC keys keyAgreement when keyUsage is present; other
  // algorithms cannot receive a transfer file.
  encryption_suitability can_receive_encryption() const;

  // The OpenSSL object, still owned by this certificate. Non-const because OpenSSL caches
  // parsed extensions inside it; callers must not modify the certificate.
  X509* native() const noexcept { return cert_.get(); }

 private:
  std::vector<std::uint8_t> subject_public_key_info() const;

  ossl::x509_ptr cert_;
};

}  // namespace arbor::km::crypto
