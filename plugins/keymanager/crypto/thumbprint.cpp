#include "crypto/thumbprint.hpp"

#include <openssl/evp.h>

#include <cctype>

#include "common/hex.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::size_t prefix_digits = 8;
constexpr std::size_t sha1_digits = 40;
constexpr std::size_t sha256_digits = 64;

std::string digest_hex(const certificate& cert, const EVP_MD* md) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ossl::require_ok(X509_digest(cert.native(), md, digest, &length),
                   "could not compute a certificate thumbprint");
  return to_hex({digest, length});
}

bool is_separator(char c) {
  return c == ':' || std::isspace(static_cast<unsigned char>(c)) != 0;
}

thumbprint_check refused(thumbprint_verdict verdict, std::string reason,
                         std::optional<thumbprint_kind> kind = std::nullopt) {
  return {verdict, kind, std::move(reason)};
}

std::string describe(thumbprint_kind kind) {
  switch (kind) {
    case thumbprint_kind::sha1_prefix:
      return "the first 8 digits of the SHA-1 thumbprint";
    case thumbprint_kind::sha1:
      return "the SHA-1 thumbprint";
    case thumbprint_kind::sha256:
      return "the SHA-256 thumbprint";
  }
  return "the thumbprint";
}

}  // namespace

std::string sha1_hex(const certificate& cert) { return digest_hex(cert, EVP_sha1()); }
std::string sha256_hex(const certificate& cert) { return digest_hex(cert, EVP_sha256()); }

std::string sha256_hex(std::span<const std::uint8_t> certificate_der) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ossl::require_ok(EVP_Digest(certificate_der.data(), certificate_der.size(), digest, &length, EVP_sha256(), nullptr),
                   "could not compute a certificate thumbprint");
  return to_hex({digest, length});
}

std::string with_colons(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 2 == 0) out += ':';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
  }
  return out;
}

thumbprint_check check_thumbprint(std::string_view typed, const certificate& cert) {
  std::string digits;
  for (char c : typed) {
    if (is_separator(c)) continue;
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
      const bool printable = std::isprint(static_cast<unsigned char>(c)) != 0;
      return refused(thumbprint_verdict::not_hex,
                     "a thumbprint contains only the digits 0-9 and letters A-F; " +
                         (printable ? "'" + std::string(1, c) + "'" : std::string("a character")) +
                         " in what you typed is not one of them");
    }
    digits += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }

  thumbprint_kind kind;
  std::string expected;
  switch (digits.size()) {
    case prefix_digits:
      kind = thumbprint_kind::sha1_prefix;
      expected = sha1_hex(cert).substr(0, prefix_digits);
      break;
    case sha1_digits:
      kind = thumbprint_kind::sha1;
      expected = sha1_hex(cert);
      break;
    case sha256_digits:
      kind = thumbprint_kind::sha256;
      expected = sha256_hex(cert);
      break;
    default:
      return refused(thumbprint_verdict::wrong_length,
                     "you typed " + std::to_string(digits.size()) +
                         " hex digits; type the first 8 digits of the SHA-1 thumbprint, or all "
                         "40 (SHA-1) or all 64 (SHA-256), which is safer");
  }
  if (digits != expected) {
    return refused(thumbprint_verdict::mismatch,
                   "what you typed does not match " + describe(kind) + " of " + cert.subject() +
                       "; check the thumbprint with the other server's administrator",
                   kind);
  }
  return {thumbprint_verdict::matched, kind, {}};
}

}  // namespace arbor::km::crypto
