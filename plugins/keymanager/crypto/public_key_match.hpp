#pragma once
// Whether a private key is the one a certificate names, given the certificate's
// SubjectPublicKeyInfo as DER (crypto/certificate_facts.hpp). For RSA and named-curve EC keys
// it compares the key's public numbers with the ones the DER holds, which is what EVP_PKEY_eq
// compares, without decoding the DER into a key (OpenSSL 3.0 builds a provider decoder for each
// such decode). Other keys go through d2i_PUBKEY and EVP_PKEY_eq.
//
// An import checks 200,000 keys at 100,000 users, so for the usual kind, a two-prime RSA key in
// PKCS#8, it does not decode the key either: rsa_pkcs8_matches reads the numbers from the DER.
#include <cstdint>
#include <optional>
#include <span>

#include "common/secret.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

bool public_key_matches(const crypto::private_key& key, std::span<const std::uint8_t> subject_public_key_info);

// Whether the unencrypted PKCS#8 PrivateKeyInfo `pkcs8` holds the RSA key the certificate names,
// and a whole one: its modulus and public exponent are the certificate's, and its private numbers
// agree with them (n = pq, ed = 1 mod p-1 and mod q-1, and the CRT values), which is more than
// decoding it with OpenSSL proves. nullopt when `pkcs8` is not a version 0 rsaEncryption key
// (decode those and use public_key_matches). errc::corrupt when the DER of an rsaEncryption key
// is malformed: not DER, negative or padded integers, or anything after the key.
std::optional<bool> rsa_pkcs8_matches(const secret& pkcs8, std::span<const std::uint8_t> subject_public_key_info);

}  // namespace arbor::km::crypto
