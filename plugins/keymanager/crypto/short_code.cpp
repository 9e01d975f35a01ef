#include "crypto/short_code.hpp"

#include <argon2.h>

#include <array>
#include <cctype>

#include "common/km_error.hpp"

namespace arbor::km::crypto {
namespace {

// Version 1 of the code (docs/transfer-format.md, "Short code"). Fixed: a change is a new version.
constexpr std::string_view salt = "arbor-km-short-code-v1";
constexpr std::uint32_t iterations = 2;
constexpr std::uint32_t memory_kib = 128 * 1024;
constexpr std::uint32_t lanes = 1;
constexpr std::size_t tag_bytes = 32;

constexpr std::string_view alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t bits_per_character = 5;

bool is_separator(char c) { return c == '-' || c == ':' || std::isspace(static_cast<unsigned char>(c)) != 0; }

// Crockford's decoding of one typed character to its canonical form, or 0 when it is not one.
char canonical(char typed) {
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(typed)));
  if (c == 'O') return '0';
  if (c == 'I' || c == 'L') return '1';
  return alphabet.find(c) == std::string_view::npos ? '\0' : c;
}

}  // namespace

std::string short_code_of(std::span<const std::uint8_t> bytes) {
  std::array<std::uint8_t, tag_bytes> tag{};
  const int rc = argon2id_hash_raw(iterations, memory_kib, lanes, bytes.data(), bytes.size(), salt.data(),
                                   salt.size(), tag.data(), tag.size());
  if (rc != ARGON2_OK)
    throw error(errc::internal, "could not compute the certificate's short code",
                std::string("argon2id_hash_raw: ") + argon2_error_message(rc));
  // The first 40 bits of the tag, most significant first.
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < short_code_length * bits_per_character / 8; ++i) bits = bits << 8 | tag[i];
  std::string code(short_code_length, '0');
  for (std::size_t i = short_code_length; i-- > 0; bits >>= bits_per_character) code[i] = alphabet[bits & 0x1f];
  return code;
}

std::string short_code(const certificate& cert) { return short_code_of(cert.der()); }

std::string grouped(std::string_view code) {
  const std::size_t half = code.size() / 2;
  return std::string(code.substr(0, half)) + "-" + std::string(code.substr(half));
}

std::optional<std::string> typed_short_code(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (is_separator(c)) continue;
    const char decoded = canonical(c);
    if (decoded == '\0' || code.size() == short_code_length) return std::nullopt;
    code += decoded;
  }
  if (code.size() != short_code_length) return std::nullopt;
  return code;
}

const std::string& short_code_memo::of(const certificate& cert) {
  auto der = cert.der();
  if (code_.empty() || der != der_) {
    code_ = compute_(der);
    der_ = std::move(der);
  }
  return code_;
}

}  // namespace arbor::km::crypto
