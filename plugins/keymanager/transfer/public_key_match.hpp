#pragma once
// Whether a private key is the one a certificate names, given the certificate's
// SubjectPublicKeyInfo as DER (transfer/imported_certificate.hpp). For RSA and named-curve EC keys
// it compares the key's public numbers with the ones the DER holds, which is what EVP_PKEY_eq
// compares, without decoding the DER into a key (OpenSSL 3.0 builds a provider decoder for each
// such decode). Other keys go through d2i_PUBKEY and EVP_PKEY_eq.
#include <cstdint>
#include <span>

#include "crypto/private_key.hpp"

namespace arbor::km::transfer {

bool public_key_matches(const crypto::private_key& key, std::span<const std::uint8_t> subject_public_key_info);

}  // namespace arbor::km::transfer
