#include "crypto/certificate_facts.hpp"

#include "crypto/thumbprint.hpp"

namespace arbor::km::crypto {

certificate_facts facts_of(const certificate& cert) {
  return {cert.der(),        sha256_hex(cert),       cert.serial_decimal(),
          cert.serial_hex(), cert.issuer(),          cert.authority_key_id_hex().value_or(""),
          cert.not_before(), cert.not_after()};
}

}  // namespace arbor::km::crypto
