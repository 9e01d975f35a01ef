#pragma once
// Describing a public key the same way wherever it comes from (a certificate or a private key):
// its algorithm in words and its SubjectPublicKeyInfo, the form to hash when comparing keys
// across servers.
#include <openssl/evp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace arbor::km::crypto {

// "RSA 3072", "EC P-384"; other algorithms by their OpenSSL name ("ED25519").
std::string key_algorithm(const EVP_PKEY& key);

// DER SubjectPublicKeyInfo of the public half of `key`.
std::vector<std::uint8_t> public_key_info_der(const EVP_PKEY& key);

// SHA-256 of public_key_info_der(key), lowercase hex: equal keys give equal digests on any server.
std::string public_key_sha256_hex(const EVP_PKEY& key);

}  // namespace arbor::km::crypto
