#pragma once
// Certificate Services: the CA that issues users' encryption certificates and revokes them.
// The Key Manager talks to it only through this interface, so another CA can be added beside
// cfssl (see cfssl_client.hpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ca/revocation_reason.hpp"
#include "common/km_error.hpp"
#include "crypto/certificate.hpp"

namespace arbor::km::ca {

/// Where Certificate Services listens and how long to wait for it.
struct connection_settings {
  std::string base_url;            // e.g. "http://127.0.0.1:8888"; no path
  long connect_timeout_ms = 2000;  // to establish the TCP connection
  long total_timeout_ms = 10000;   // for one whole request, connection included
  std::size_t max_in_flight = 8;   // requests revoke_all keeps open at once
};

/// What to ask for when a certificate signing request is sent for signing.
struct enroll_request {
  std::string common_name;  // replaces the CSR's subject CN; empty keeps the CSR's subject
  std::string email;        // becomes the rfc822Name subjectAltName; empty keeps the CSR's SANs
  std::string profile = "user-encryption";  // the CA's signing profile
};

/// One certificate to revoke. serial_decimal and authority_key_id identify it the way the
/// certificate itself does (revocation_for in certificate_identity.hpp); an implementation
/// maps them to how its CA files certificates.
struct revocation {
  std::string serial_decimal;
  std::string authority_key_id;  // lowercase hex of the certificate's AKI extension
  revocation_reason reason = revocation_reason::unspecified;
};

/// The answer for one revocation: confirmed by the CA, or the error that prevented it
/// (errc::ca_unreachable, ca_timeout, ca_error, or bad_input for a malformed request).
struct revoke_result {
  revocation request;
  std::optional<error> failure;  // empty when the CA confirmed the revocation

  bool confirmed() const noexcept { return !failure.has_value(); }
};

/// A certificate authority the Key Manager enrolls users with and revokes their certificates at.
/// Implementations are used from one thread at a time.
class certificate_services {
 public:
  virtual ~certificate_services() = default;

  /// Sends a PKCS#10 request (PEM) for signing and returns the certificate issued. Throws
  /// arbor::km::error (ca_unreachable, ca_timeout, ca_error) when no certificate comes back.
  virtual crypto::certificate enroll(const std::string& csr_pem, const enroll_request& request) = 0;

  /// Revokes one certificate. CA failures are reported in the result, not thrown.
  virtual revoke_result revoke(const revocation& request) = 0;

  /// Revokes many certificates with at most connection_settings::max_in_flight requests open
  /// at once. Results are in the order of the requests; each says confirmed or why not.
  virtual std::vector<revoke_result> revoke_all(const std::vector<revocation>& requests) = 0;
};

}  // namespace arbor::km::ca
