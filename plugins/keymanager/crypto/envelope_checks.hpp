#pragma once
// What the reader checks on an encrypted segment before it decrypts a byte: that it is an
// AuthEnvelopedData with AES-256-GCM around id-data, that every recipient uses RSA-OAEP with
// SHA-256 (and MGF1-SHA-256) or ECDH with a SHA-256 KDF and AES-256 key wrap, and that one of
// the recipients is us.
#include <openssl/cms.h>

#include <cstdint>
#include <span>

#include "crypto/certificate.hpp"

namespace arbor::km::crypto {

// Throws errc::crypto naming the algorithm that is not accepted, errc::corrupt when the structure
// is not an AuthEnvelopedData. `der` is the encoding `cms` was parsed from.
void check_envelope_algorithms(CMS_ContentInfo& cms, std::span<const std::uint8_t> der);

// True when one of the recipient infos names `recipient` (issuer and serial, or key id).
bool addressed_to(CMS_ContentInfo& cms, const crypto::certificate& recipient);

}  // namespace arbor::km::crypto
