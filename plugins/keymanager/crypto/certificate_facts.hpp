#pragma once
// What the Key Manager records about a certificate in a key history entry, as text and times:
// the store never parses certificates.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/certificate.hpp"

namespace arbor::km::crypto {

struct certificate_facts {
  std::vector<std::uint8_t> der;
  std::string sha256_hex;
  std::string serial_decimal;
  std::string serial_hex;
  std::string issuer;
  std::string authority_key_id_hex;  // empty when the certificate has none
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
};

certificate_facts facts_of(const certificate& cert);

}  // namespace arbor::km::crypto
