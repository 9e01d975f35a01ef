#pragma once
// A certificate Certificate Services returned, and the identity CAs file a certificate under
// (serial number, authority key identifier), read from the certificate itself.
#include <string>

#include "ca/certificate_services.hpp"
#include "crypto/certificate.hpp"

namespace arbor::km::ca {

/// Parses a PEM certificate the CA returned. Throws error(ca_error) if it is not one.
crypto::certificate read_issued_certificate(const std::string& pem);

/// The revocation request for `cert`.
revocation revocation_for(const crypto::certificate& cert, revocation_reason reason);

}  // namespace arbor::km::ca
