#pragma once
// Reads the identity CAs file a certificate under (serial number, authority key identifier)
// out of the certificate itself.
#include <cstdint>
#include <span>
#include <string>

#include "ca/certificate_services.hpp"

namespace arbor::km::ca {

/// Parses a PEM certificate the CA returned. Throws error(ca_error) if it is not one.
issued_certificate read_issued_certificate(const std::string& pem);

/// The revocation request for a stored certificate (DER). Throws error(bad_input) if the bytes
/// are not a certificate.
revocation revocation_for(std::span<const std::uint8_t> der, revocation_reason reason);

}  // namespace arbor::km::ca
