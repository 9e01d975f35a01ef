#include "host/cli/escaped_output.hpp"

#include <arbor/sdk/display_text.hpp>

#include <cstdio>

namespace arbor::host::cli {
namespace {

std::string hex_escape(const char* format, unsigned value) {
  char text[12];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// Whether `tail` is the start of a UTF-8 sequence that more bytes could complete.
bool may_complete(std::string_view tail) {
  const auto lead = static_cast<unsigned char>(tail.front());
  const std::size_t size = (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : (lead & 0xf8) == 0xf0 ? 4 : 0;
  if (tail.size() >= size) return false;
  for (std::size_t i = 1; i < tail.size(); ++i)
    if ((static_cast<unsigned char>(tail[i]) & 0xc0) != 0x80) return false;
  return true;
}

}  // namespace

escaping_streambuf::~escaping_streambuf() {
  drain(true);
  target_->pubsync();
}

escaping_streambuf::int_type escaping_streambuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const std::lock_guard lock(mutex_);
  pending_.push_back(traits_type::to_char_type(c));
  drain(false);
  return c;
}

std::streamsize escaping_streambuf::xsputn(const char* s, std::streamsize n) {
  const std::lock_guard lock(mutex_);
  pending_.append(s, static_cast<std::size_t>(n));
  drain(false);
  return n;
}

int escaping_streambuf::sync() {
  const std::lock_guard lock(mutex_);
  return target_->pubsync();
}

void escaping_streambuf::drain(bool final) {
  const std::string_view all(pending_);
  std::size_t at = 0;
  std::size_t plain = 0;  // start of the run of bytes that pass as they are
  auto flush_plain = [&] { put(all.substr(plain, at - plain)); };
  while (at < all.size()) {
    const std::string_view rest = all.substr(at);
    const sdk::utf8_sequence s = sdk::decode_utf8(rest);
    if (!s.valid && !final && may_complete(rest)) break;
    const char32_t c = s.code_point;
    const bool passes = s.valid && !sdk::is_bidi_control(c) &&
                        (!sdk::is_control(c) || c == '\n' || (c == '\t' && style_ == escape_style::text));
    if (passes) {
      at += s.size;
      continue;
    }
    flush_plain();
    if (!s.valid) {
      put(style_ == escape_style::json ? std::string("\\uFFFD") : hex_escape("\\x%02X", static_cast<unsigned char>(rest.front())));
    } else if (style_ == escape_style::text && c < 0x80) {
      put(hex_escape("\\x%02X", static_cast<unsigned>(c)));
    } else {
      put(hex_escape("\\u%04X", static_cast<unsigned>(c)));
    }
    at += s.size;
    plain = at;
  }
  flush_plain();
  pending_.erase(0, at);
}

void escaping_streambuf::put(std::string_view bytes) {
  if (!bytes.empty()) target_->sputn(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

escaped_stream::escaped_stream(std::ostream& stream, escape_style style)
    : stream_(stream), original_(stream.rdbuf()), escaping_(original_, style) {
  stream_.rdbuf(&escaping_);
}

escaped_stream::~escaped_stream() {
  stream_.flush();
  stream_.rdbuf(original_);
}

}  // namespace arbor::host::cli
