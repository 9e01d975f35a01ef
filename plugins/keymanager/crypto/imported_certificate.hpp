#pragma once
// A certificate read from a transfer file for import: the facts its key history entry records and
// its SubjectPublicKeyInfo. Each field is decoded by OpenSSL's parser for that field, but the
// certificate is not given to d2i_X509: OpenSSL 3.0's d2i_X509 decodes the public key through a
// provider decoder it builds anew every time (about 0.25 ms, most of an import's time per key),
// and the import needs the key only as bytes to compare (transfer/public_key_match.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/certificate_facts.hpp"

namespace arbor::km::crypto {

struct imported_certificate {
  crypto::certificate_facts facts;
  std::vector<std::uint8_t> subject_public_key_info;  // DER
};

// Reads one X.509 certificate (all of `der`, strict DER framing). Throws errc::corrupt naming
// `name` when it is not one.
imported_certificate read_imported_certificate(std::vector<std::uint8_t> der, const std::string& name);

}  // namespace arbor::km::crypto
