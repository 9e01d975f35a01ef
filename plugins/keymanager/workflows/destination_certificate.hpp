#pragma once
// The certificate of the Key Management server an export goes to, read from the file its Save
// the KMS Certificate wrote, with every check that can be made before the operator compares
// thumbprints.
#include <chrono>
#include <filesystem>

#include "crypto/certificate.hpp"

namespace arbor::km::workflows {

// Reads `path` (PEM or DER). errc::bad_input naming the problem and what to do when it is not a
// certificate, is expired or not yet valid at `now`, has a key that cannot receive a transfer
// file (algorithm or key usage), is not a server identity with a valid self-signature
// (crypto::why_not_a_server_identity), or is `own` (this server's certificate); errc::not_found
// or errc::io for the file itself.
crypto::certificate read_destination_certificate(const std::filesystem::path& path, const crypto::certificate& own,
                                                 std::chrono::system_clock::time_point now);

}  // namespace arbor::km::workflows
