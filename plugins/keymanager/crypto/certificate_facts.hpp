#pragma once
// What the Key Manager records about a certificate in a key history entry, as text and times (the
// store never parses certificates), with its public key as DER. The one certificate type gives its
// facts (certificate::facts()); an import reads them straight from the DER (from_der).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace arbor::km::crypto {

struct certificate_facts {
  std::vector<std::uint8_t> der;
  std::string sha256_hex;
  std::string serial_decimal;
  std::string serial_hex;
  std::string issuer;
  std::string authority_key_id_hex;  // empty when the certificate has none
  std::chrono::sys_seconds not_before;
  std::chrono::sys_seconds not_after;
  // The certificate's SubjectPublicKeyInfo as it stands in the DER: an import proves each private
  // key against it without decoding it (crypto/public_key_match.hpp).
  std::vector<std::uint8_t> subject_public_key_info;

  // The facts of one X.509 certificate (all of `der`, strict DER framing), for an import. Each
  // field is decoded by OpenSSL's parser for that field, but the certificate is not given to
  // d2i_X509: OpenSSL 3.0's d2i_X509 decodes the public key through a provider decoder it builds
  // anew every time (about 0.25 ms, most of an import's time per key), and the import needs the
  // key only as bytes to compare. The strings are those certificate::facts() gives
  // (crypto/certificate_fields.hpp). Throws errc::corrupt naming `name` when `der` is not one.
  static certificate_facts from_der(std::vector<std::uint8_t> der, const std::string& name);
};

}  // namespace arbor::km::crypto
