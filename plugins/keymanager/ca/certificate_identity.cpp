#include "ca/certificate_identity.hpp"

#include <cstdint>
#include <span>

namespace arbor::km::ca {

crypto::certificate read_issued_certificate(const std::string& pem) {
  try {
    return crypto::certificate::from_bytes(
        std::span(reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()), "the CA's answer");
  } catch (const error& e) {
    if (e.code() != errc::bad_input) throw;
    throw error(errc::ca_error, "Certificate Services returned a certificate that cannot be read.", e.technical());
  }
}

revocation revocation_for(const crypto::certificate& cert, revocation_reason reason) {
  return {cert.serial_decimal(), cert.authority_key_id_hex().value_or(""), reason};
}

}  // namespace arbor::km::ca
