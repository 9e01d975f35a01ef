#pragma once
// Text shown to operators comes from files and other people (a CSV's display names, a file
// name): it must not steer the terminal (ESC and OSC sequences, C1 controls) nor reorder what is
// read (bidirectional overrides). Front ends escape such characters; plugins may refuse them in
// what they store. Header-only: needs nothing from the host. Since 1.1.
#include <cstddef>
#include <optional>
#include <string_view>

namespace arbor::sdk {

/// One UTF-8 sequence at the start of some bytes: its code point, or `valid == false` for a byte
/// that starts no well-formed sequence (a stray continuation byte, an overlong form, a
/// surrogate, beyond U+10FFFF, or cut short); then `size` is 1.
struct utf8_sequence {
  char32_t code_point = 0;
  std::size_t size = 1;
  bool valid = false;
};

/// Decodes the sequence at the start of `bytes`, which must not be empty.
constexpr utf8_sequence decode_utf8(std::string_view bytes) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t size = 0;
  char32_t code_point = 0;
  char32_t smallest = 0;
  if ((lead & 0xe0) == 0xc0) {
    size = 2, code_point = lead & 0x1f, smallest = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    size = 3, code_point = lead & 0x0f, smallest = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    size = 4, code_point = lead & 0x07, smallest = 0x10000;
  } else {
    return {};
  }
  if (bytes.size() < size) return {};
  for (std::size_t i = 1; i < size; ++i) {
    if ((byte(i) & 0xc0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(i) & 0x3f);
  }
  if (code_point < smallest || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff)) return {};
  return {code_point, size, true};
}

/// C0 controls (tab and line feed included), DEL and the C1 controls.
constexpr bool is_control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }

/// The characters that reorder displayed text: ALM, LRM, RLM, the embeddings and overrides
/// U+202A..U+202E and the isolates U+2066..U+2069.
constexpr bool is_bidi_control(char32_t c) noexcept {
  return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/// What is wrong with a piece of text, and where: the byte offset of the first problem.
struct text_flaw {
  enum class kind : unsigned char { invalid_utf8 = 1, control, bidi_control } what;
  std::size_t offset;
  char32_t code_point;  ///< 0 for invalid_utf8
};

/// The first byte of `text` that is not well-formed UTF-8, a control character or a bidi
/// control; none for plain printable text.
constexpr std::optional<text_flaw> find_text_flaw(std::string_view text) noexcept {
  for (std::size_t at = 0; at < text.size();) {
    const utf8_sequence s = decode_utf8(text.substr(at));
    if (!s.valid) return text_flaw{text_flaw::kind::invalid_utf8, at, 0};
    if (is_control(s.code_point)) return text_flaw{text_flaw::kind::control, at, s.code_point};
    if (is_bidi_control(s.code_point)) return text_flaw{text_flaw::kind::bidi_control, at, s.code_point};
    at += s.size;
  }
  return std::nullopt;
}

}  // namespace arbor::sdk
