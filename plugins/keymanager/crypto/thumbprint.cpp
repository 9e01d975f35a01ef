#include "crypto/thumbprint.hpp"

#include <openssl/evp.h>

#include <cctype>

#include "common/hex.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::size_t sha1_digits = 40;
constexpr std::size_t sha256_digits = 64;

constexpr std::string_view what_to_type =
    "type the short code the other server's administrator reads to you (8 characters, like K7QM-3XPA), or "
    "the whole SHA-1 (40 hex digits) or SHA-256 (64 hex digits) thumbprint";

std::string digest_hex(const certificate& cert, const EVP_MD* md) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ossl::require_ok(X509_digest(cert.native(), md, digest, &length),
                   "could not compute a certificate thumbprint");
  return to_hex({digest, length});
}

bool is_separator(char c) {
  return c == ':' || c == '-' || std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string lowercase(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

thumbprint_check refused(thumbprint_verdict verdict, std::string reason,
                         std::optional<thumbprint_kind> kind = std::nullopt) {
  return {verdict, kind, std::move(reason)};
}

thumbprint_check mismatch(thumbprint_kind kind, std::string_view what, const certificate& cert) {
  return refused(thumbprint_verdict::mismatch,
                 "what you typed does not match " + std::string(what) + " of " + cert.subject() +
                     "; check it with the other server's administrator",
                 kind);
}

thumbprint_check check_fingerprint(const std::string& typed, const certificate& cert) {
  for (char c : typed) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
      const bool printable = std::isprint(static_cast<unsigned char>(c)) != 0;
      return refused(thumbprint_verdict::malformed,
                     "a SHA-1 or SHA-256 thumbprint contains only the digits 0-9 and letters A-F; " +
                         (printable ? "'" + std::string(1, c) + "'" : std::string("a character")) +
                         " in what you typed is not one of them");
    }
  }
  const bool sha1 = typed.size() == sha1_digits;
  const auto kind = sha1 ? thumbprint_kind::sha1 : thumbprint_kind::sha256;
  if (lowercase(typed) != (sha1 ? sha1_hex(cert) : sha256_hex(cert)))
    return mismatch(kind, sha1 ? "the SHA-1 thumbprint" : "the SHA-256 thumbprint", cert);
  return {thumbprint_verdict::matched, kind, {}};
}

thumbprint_check check_short_code(const std::string& typed, const certificate& cert, short_code_memo& codes) {
  const auto code = typed_short_code(typed);
  if (!code)
    return refused(thumbprint_verdict::malformed,
                   "what you typed is not a short code: it has 8 of the characters 0-9 and A-Z except U");
  if (*code == codes.of(cert)) return {thumbprint_verdict::matched, thumbprint_kind::short_code, {}};
  if (lowercase(typed) == sha1_hex(cert).substr(0, short_code_length))
    return refused(thumbprint_verdict::sha1_prefix,
                   "the first 8 digits of the SHA-1 thumbprint are no longer accepted, because a forged "
                   "certificate that shares them is made in minutes; " + std::string(what_to_type),
                   thumbprint_kind::short_code);
  return mismatch(thumbprint_kind::short_code, "the short code", cert);
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

thumbprint_check check_thumbprint(std::string_view typed, const certificate& cert, short_code_memo& codes) {
  std::string text;
  for (char c : typed)
    if (!is_separator(c)) text += c;
  if (text.size() == short_code_length) return check_short_code(text, cert, codes);
  if (text.size() == sha1_digits || text.size() == sha256_digits) return check_fingerprint(text, cert);
  return refused(thumbprint_verdict::wrong_length,
                 "you typed " + std::to_string(text.size()) + " characters; " + std::string(what_to_type));
}

}  // namespace arbor::km::crypto
