#pragma once
// cfssl's HTTP API as cfssl 1.2 speaks it: the JSON bodies sent to /api/v1/cfssl/sign and
// /api/v1/cfssl/revoke, and the {"success":..,"result":..,"errors":[..]} envelope it answers.
#include <string>
#include <string_view>

#include "ca/certificate_services.hpp"

namespace arbor::km::ca::cfssl {

inline constexpr std::string_view sign_path = "/api/v1/cfssl/sign";
inline constexpr std::string_view revoke_path = "/api/v1/cfssl/revoke";

/// The body of a sign request for a PEM CSR.
std::string sign_body(const std::string& csr_pem, const enroll_request& request);

/// The body of a revoke request, keyed the way cfssl 1.2 files certificates.
std::string revoke_body(const revocation& request);

/// The PEM certificate in a sign answer. Throws error(ca_error) with cfssl's own reasons when it
/// refused, or saying the answer is not a cfssl response when it cannot be read as one.
std::string signed_certificate(long http_status, std::string_view body);

/// Returns when a revoke answer confirms the revocation; throws error(ca_error) as above.
void confirm_revocation(long http_status, std::string_view body, const revocation& request);

}  // namespace arbor::km::ca::cfssl
