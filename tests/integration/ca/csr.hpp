#pragma once
// Certificate signing requests for tests and benchmarks, made with the OpenSSL API.
#include <string>

namespace arbor::km::ca::testing {

/// A PEM PKCS#10 request for a fresh P-256 key with subject CN=common_name. The private key
/// is freed (and so wiped) before this returns: these tests only need the certificate.
std::string make_csr(const std::string& common_name);

}  // namespace arbor::km::ca::testing
