#include "crypto/der_cursor.hpp"

#include "common/km_error.hpp"

namespace arbor::km::crypto {
namespace {

[[noreturn]] void malformed(const char* detail) {
  throw error(errc::corrupt, "the transfer file is damaged: an object is not well-formed DER",
              detail);
}

}  // namespace

std::optional<der_header> parse_der_header(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 2) return std::nullopt;
  der_header h;
  h.tag = bytes[0];
  if ((h.tag & 0x1f) == 0x1f) malformed("multi-byte tag");
  const std::uint8_t first = bytes[1];
  if (first < 0x80) {
    h.header_size = 2;
    h.content_size = first;
    return h;
  }
  const std::size_t octets = first & 0x7f;
  if (octets == 0) malformed("indefinite length");
  if (octets > 4) malformed("length longer than 4 octets");
  if (bytes.size() < 2 + octets) return std::nullopt;
  for (std::size_t i = 0; i < octets; ++i) h.content_size = (h.content_size << 8) | bytes[2 + i];
  h.header_size = 2 + octets;
  return h;
}

der_header der_cursor::next_header() const {
  const std::optional<der_header> h = parse_der_header(rest_);
  if (!h || h->content_size > rest_.size() - h->header_size) malformed("element overruns its parent");
  return *h;
}

std::span<const std::uint8_t> der_cursor::take(std::uint8_t tag) {
  const der_header h = next_header();
  if (h.tag != tag) malformed("unexpected tag");
  const std::span<const std::uint8_t> whole = rest_.first(h.header_size + h.content_size);
  rest_ = rest_.subspan(whole.size());
  return whole;
}

der_cursor der_cursor::enter(std::uint8_t tag) {
  const der_header h = next_header();
  return der_cursor(take(tag).subspan(h.header_size));
}

void der_cursor::skip_optional(std::uint8_t tag) {
  if (peek_tag() == tag) take(tag);
}

std::optional<std::uint8_t> der_cursor::peek_tag() const {
  if (rest_.empty()) return std::nullopt;
  return rest_[0];
}

}  // namespace arbor::km::crypto
