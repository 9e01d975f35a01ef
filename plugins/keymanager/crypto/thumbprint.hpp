#pragma once
// Certificate thumbprints, and checking one an operator typed (or a short code) against a
// certificate.
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
#include "crypto/short_code.hpp"

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
  malformed,     // 40 or 64 characters that are not all hex digits, or 8 that are not a short code
  wrong_length,  // not 8, 40 or 64 characters
  mismatch,      // well formed but not this certificate's
  sha1_prefix,   // the first 8 hex digits of SHA-1, which a forger grinds in minutes: no longer accepted
};

// Which fingerprint the typed text was compared with.
enum class thumbprint_kind {
  short_code = 1,  // crypto/short_code.hpp
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

// Compares what the operator typed with the certificate. Case, white space, colons and '-' are
// ignored. Accepted: the 8-character short code (`codes` computes it, only when the text is one),
// all 40 hex digits of SHA-1 or all 64 of SHA-256.
thumbprint_check check_thumbprint(std::string_view typed, const certificate& cert, short_code_memo& codes);

}  // namespace arbor::km::crypto
