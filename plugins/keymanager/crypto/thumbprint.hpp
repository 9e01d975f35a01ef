#pragma once
// Certificate thumbprints, and checking one an operator typed against a certificate.
//
// Canonical form is lowercase hex without separators (stored, compared, machine output). For
// display, with_colons() gives uppercase pairs separated by colons, exactly as
// `openssl x509 -fingerprint` prints them, so operators can compare the two by eye.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "crypto/certificate.hpp"

namespace arbor::km::crypto {

// SHA-1 over the certificate's DER: 40 lowercase hex digits.
std::string sha1_hex(const certificate& cert);
// SHA-256 over the certificate's DER: 64 lowercase hex digits.
std::string sha256_hex(const certificate& cert);
// The same over a certificate's DER bytes, for callers that hold no parsed certificate.
std::string sha256_hex(std::span<const std::uint8_t> certificate_der);
// "ab01cd" -> "AB:01:CD".
std::string with_colons(std::string_view hex);

// The outcome of check_thumbprint. Zero is not a valid verdict.
enum class thumbprint_verdict {
  matched = 1,
  not_hex,       // a character other than hex digits, spaces and colons
  wrong_length,  // not 8, 40 or 64 hex digits
  mismatch,      // well formed but not this certificate's thumbprint
};

// Which fingerprint the typed text was compared with.
enum class thumbprint_kind {
  sha1_prefix = 1,  // the first 8 hex digits of SHA-1: catches a wrong file, not a forgery
  sha1,
  sha256,
};

// Whether the typed thumbprint matched, and if not why, in words for the operator. The reason
// never reveals the certificate's own thumbprint: the operator must compare against a value
// obtained elsewhere, not copy ours.
struct thumbprint_check {
  thumbprint_verdict verdict = thumbprint_verdict::mismatch;
  std::optional<thumbprint_kind> compared_with;  // unset when the text was malformed
  std::string reason;                             // empty when matched
  bool matched() const noexcept { return verdict == thumbprint_verdict::matched; }
};

// Compares what the operator typed with the certificate. Case, spaces (any ASCII white space)
// and colons are ignored. Accepted: exactly 8 hex digits (SHA-1 prefix), 40 (SHA-1) or 64
// (SHA-256).
thumbprint_check check_thumbprint(std::string_view typed, const certificate& cert);

}  // namespace arbor::km::crypto
