#include "transfer/base64.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <string>

#include "common/km_error.hpp"

namespace arbor::km::transfer {
namespace {

constexpr std::size_t encoded_size(std::size_t n) { return 4 * ((n + 2) / 3); }

// EVP_EncodeBlock/EVP_DecodeBlock take an int length; segments are far below that, but a
// record is checked rather than trusted.
int checked_int(std::size_t n) {
  if (n > static_cast<std::size_t>(1) << 30) {
    throw error(errc::bad_input, "a key or certificate is too large for a transfer file",
                "base64 input of " + std::to_string(n) + " bytes");
  }
  return static_cast<int>(n);
}

// Decodes into `out` (sized by the caller to the upper bound) and returns the true length.
// EVP_DecodeBlock skips surrounding whitespace and does not report padding, so the input is
// checked to be strictly canonical first: a transfer file has exactly one encoding per value.
std::size_t decode_into(std::string_view text, std::uint8_t* out, std::string_view field) {
  const bool alphabet_ok = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/' || c == '=';
  });
  const std::size_t pad = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  const bool padding_ok = text.substr(0, text.size() - pad).find('=') == std::string_view::npos;
  if (text.size() % 4 != 0 || !alphabet_ok || !padding_ok) {
    throw error(errc::corrupt,
                "the transfer file is damaged: field \"" + std::string(field) +
                    "\" is not valid base64",
                "base64 length " + std::to_string(text.size()));
  }
  const int n = EVP_DecodeBlock(out, reinterpret_cast<const unsigned char*>(text.data()),
                                checked_int(text.size()));
  if (n < 0) {
    throw error(errc::corrupt,
                "the transfer file is damaged: field \"" + std::string(field) +
                    "\" is not valid base64",
                "EVP_DecodeBlock failed");
  }
  return static_cast<std::size_t>(n) - pad;
}

}  // namespace

void append_base64(std::span<const std::uint8_t> bytes, secret& out) {
  const std::size_t n = encoded_size(bytes.size());
  // EVP_EncodeBlock writes a terminating NUL after the text, hence the extra byte, dropped after.
  EVP_EncodeBlock(out.extend(n + 1).data(), bytes.data(), checked_int(bytes.size()));
  out.truncate(out.size() - 1);
}

std::string to_base64(std::span<const std::uint8_t> bytes) {
  std::string out(encoded_size(bytes.size()) + 1, '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                  checked_int(bytes.size()));
  out.pop_back();
  return out;
}

std::vector<std::uint8_t> from_base64(std::string_view text, std::string_view field) {
  std::vector<std::uint8_t> out(text.size() / 4 * 3 + 3);
  out.resize(decode_into(text, out.data(), field));
  return out;
}

secret secret_from_base64(std::string_view text, std::string_view field) {
  secret scratch(text.size() / 4 * 3 + 3);
  const std::size_t n = decode_into(text, scratch.data(), field);
  return secret(scratch.data(), n);
}

}  // namespace arbor::km::transfer
