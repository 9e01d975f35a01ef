#pragma once
// UTF-8 text measured for the terminal. One code point counts as one column: the console shows
// names and messages, where double-width characters are rare enough not to need a width table.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::tui {

/// Columns `text` takes: its code points.
/// A UTF-8 continuation byte (10xxxxxx): not the start of a character.
constexpr bool continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t columns(std::string_view text) noexcept;

/// Byte offset of the column `column` (or the end of `text`).
std::size_t byte_offset(std::string_view text, std::size_t column) noexcept;

/// The longest prefix of `text` that fits in `width` columns, never cutting a code point.
std::string_view clip(std::string_view text, std::size_t width) noexcept;

/// `text` clipped and padded with spaces to exactly `width` columns.
std::string fit(std::string_view text, std::size_t width);

/// `text` with control characters (C0, DEL, C1: a plugin's stray newline or escape sequence),
/// bidi controls and bytes that are not UTF-8 each shown as '?', so nothing a plugin returns can
/// move the cursor, change the terminal or reorder what is read.
std::string printable(std::string_view text);

/// The UTF-8 bytes of one code point; U+FFFD for a value that is not one.
std::string encode_utf8(char32_t code_point);

/// `text` broken at spaces into lines of at most `width` columns; a longer word is broken after
/// a ':' or between pairs of hex digits when it can be (a fingerprint keeps its bytes whole).
std::vector<std::string> wrap(std::string_view text, std::size_t width);

}  // namespace arbor::host::tui
