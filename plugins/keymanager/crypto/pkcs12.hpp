#pragma once
// PKCS#12 files for handing recovered keys back to users: every key of a user's history with its
// certificate, readable by `openssl pkcs12`, browsers and mail clients.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/secret.hpp"
#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

// One key and its certificate, shown to the user under `friendly_name` (may be empty).
struct pkcs12_entry {
  const private_key& key;
  const certificate& cert;
  std::string friendly_name;
};

// DER PKCS#12 (OpenSSL 3 defaults, made explicit): keys shrouded and certificates encrypted with
// AES-256-CBC under PBKDF2 (HMAC-SHA-256), integrity MAC with SHA-256. Keys are paired with
// their certificates by localKeyId. `ca_certs` are added as extra certificates. errc::bad_input
// when there are no entries, a key does not match its certificate, or the password is empty or
// contains a NUL character.
std::vector<std::uint8_t> make_pkcs12(std::span<const pkcs12_entry> entries,
                                      const secret& password,
                                      std::span<const certificate> ca_certs = {});

}  // namespace arbor::km::crypto
