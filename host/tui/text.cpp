#include "host/tui/text.hpp"

#include <arbor/sdk/display_text.hpp>

#include <algorithm>
#include <cctype>

namespace arbor::host::tui {
namespace {

/// Where a word longer than a line breaks: after the last ':' that fits, or within hex digits
/// after an even count, so a fingerprint never splits a byte; else where the line ends.
std::size_t break_point(std::string_view word, std::size_t width) {
  const std::string_view piece = clip(word, width);
  if (const std::size_t colon = piece.rfind(':'); colon != std::string_view::npos && colon > 0) return colon + 1;
  const bool hex = std::all_of(piece.begin(), piece.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  if (hex && piece.size() > 1) return piece.size() - piece.size() % 2;
  return piece.size();
}

}  // namespace

std::size_t columns(std::string_view text) noexcept {
  std::size_t count = 0;
  for (char c : text) count += continuation(c) ? 0 : 1;
  return count;
}

std::size_t byte_offset(std::string_view text, std::size_t column) noexcept {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (continuation(text[i])) continue;
    if (seen == column) return i;
    ++seen;
  }
  return text.size();
}

std::string_view clip(std::string_view text, std::size_t width) noexcept {
  return text.substr(0, byte_offset(text, width));
}

std::string fit(std::string_view text, std::size_t width) {
  std::string out(clip(text, width));
  out.append(width - columns(out), ' ');
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const sdk::utf8_sequence s = sdk::decode_utf8(text.substr(at));
    const bool shown = s.valid && !sdk::is_control(s.code_point) && !sdk::is_bidi_control(s.code_point);
    if (shown) out.append(text.substr(at, s.size));
    else out += '?';
    at += s.size;
  }
  return out;
}

std::string encode_utf8(char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  if (width == 0) return lines;
  std::string line;
  auto flush = [&] {
    lines.push_back(line);
    line.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    while (columns(word) > width) {  // a word longer than a line is broken, at a byte of a fingerprint
      if (!line.empty()) flush();
      line = std::string(word.substr(0, break_point(word, width)));
      word.remove_prefix(line.size());
      flush();
    }
    if (!line.empty() && columns(line) + 1 + columns(word) > width) flush();
    if (!word.empty()) line += (line.empty() ? "" : " ") + std::string(word);
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) flush();
  return lines;
}

}  // namespace arbor::host::tui
