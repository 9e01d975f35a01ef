#include "crypto/printable_text.hpp"

#include <openssl/asn1.h>

namespace arbor::km::crypto {
namespace {

bool is_control(unsigned long c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }

// ALM, LRM, RLM, the embeddings and overrides U+202A..U+202E and the isolates U+2066..U+2069.
bool is_direction_mark(unsigned long c) {
  return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::optional<text_flaw> find_unprintable(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t at = 0; at < text.size();) {
    unsigned long c = 0;
    // UTF8_getc refuses overlong forms and values above U+10FFFF; surrogates are checked here.
    const int size = UTF8_getc(bytes + at, static_cast<int>(text.size() - at), &c);
    if (size <= 0 || (c >= 0xd800 && c <= 0xdfff)) return text_flaw{text_flaw::kind::invalid_utf8, at};
    const auto code_point = static_cast<char32_t>(c);
    if (is_control(c)) return text_flaw{text_flaw::kind::control, at, code_point};
    if (is_direction_mark(c)) return text_flaw{text_flaw::kind::direction_mark, at, code_point};
    at += static_cast<std::size_t>(size);
  }
  return std::nullopt;
}

}  // namespace arbor::km::crypto
