#pragma once
// How the one certificate type writes its fields as text and times, for crypto/certificate and
// crypto/certificate_facts only. One place, so a field read from a parsed X509 and the same field
// read straight from DER (certificate_facts::from_der) give identical strings: the
// pending-revocation queue and the CA match on them.
#include <openssl/asn1.h>
#include <openssl/x509.h>

#include <chrono>
#include <optional>
#include <string>

namespace arbor::km::crypto {

std::string name_text(const X509_NAME* name);                    // RFC 2253, UTF-8 kept
std::string serial_decimal_text(const ASN1_INTEGER* serial);
std::string serial_hex_text(const ASN1_INTEGER* serial);         // lowercase, no separators
std::chrono::sys_seconds to_sys_seconds(const ASN1_TIME* time);
std::optional<std::string> octets_hex(const ASN1_OCTET_STRING* octets);  // nullopt for null

}  // namespace arbor::km::crypto
