#pragma once
// Turning one payload into one object of a transfer file: signed by the source server (CMS
// SignedData, SHA-256, signer certificate included, content embedded), then encrypted to the
// destination server (CMS AuthEnvelopedData, AES-256-GCM; RSA-OAEP-SHA-256 with MGF1-SHA-256 for
// an RSA certificate, ephemeral-static ECDH with the X9.63 SHA-256 KDF and AES-256 key wrap for an
// EC certificate). The same layering `openssl cms -sign` then `openssl cms -encrypt` produces.
#include <cstdint>
#include <string_view>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

// Returns the DER ContentInfo. Intermediate copies of the payload (the SignedData encoding and
// OpenSSL's embedded content) are wiped before this returns. Throws errc::crypto.
std::vector<std::uint8_t> seal_payload(std::string_view payload,
                                       const crypto::certificate& signer,
                                       const crypto::private_key& signer_key,
                                       const crypto::certificate& recipient);

}  // namespace arbor::km::crypto
