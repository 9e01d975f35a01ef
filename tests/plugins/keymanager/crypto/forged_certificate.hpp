#pragma once
// Certificates a forger makes, for the tests that replay issue 13's finding F2: the forger's own
// key and the real server's subject, with signature bytes varied so the SHA-1 thumbprint shares
// its first hex digits with the real server's. Varying signature bytes costs one SHA-1 per try
// (the real attack matched 8 digits in 2.5 minutes on 2 cores); the tests grind 4 digits.
#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/hex.hpp"
#include "crypto/certificate.hpp"
#include "crypto/thumbprint.hpp"

namespace arbor::km::test {

// Bytes at the end of a certificate's DER that lie inside its signature.
inline constexpr std::size_t varied_signature_bytes = 8;

// `cert` with the last byte of its signature changed: it still parses, but no longer verifies.
inline crypto::certificate with_signature_altered(const crypto::certificate& cert) {
  auto der = cert.der();
  der.back() ^= 0x01;
  return crypto::certificate::from_bytes(der, "an altered certificate");
}

// `forgers` with its last 8 signature bytes varied until its SHA-1 thumbprint starts with the
// same `hex_digits` digits as `real`'s.
inline crypto::certificate ground_to_share_sha1_prefix(const crypto::certificate& real,
                                                       const crypto::certificate& forgers,
                                                       std::size_t hex_digits) {
  const std::string wanted = crypto::sha1_hex(real).substr(0, hex_digits);
  auto der = forgers.der();
  const std::size_t at = der.size() - varied_signature_bytes;
  for (std::uint64_t attempt = 0; attempt < (std::uint64_t{1} << (4 * hex_digits + 8)); ++attempt) {
    for (std::size_t i = 0; i < varied_signature_bytes; ++i)
      der[at + i] = static_cast<std::uint8_t>(attempt >> (8 * i));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(der.data(), der.size(), digest, &length, EVP_sha1(), nullptr);
    if (to_hex({digest, length}).starts_with(wanted)) return crypto::certificate::from_bytes(der, "a forged certificate");
  }
  throw std::runtime_error("no forged certificate after many attempts");
}

}  // namespace arbor::km::test
