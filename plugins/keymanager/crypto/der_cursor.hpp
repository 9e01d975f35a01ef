#pragma once
// Just enough DER to frame a transfer file (find where each top-level object ends), to read the
// one field OpenSSL has no accessor for (the content cipher of an AuthEnvelopedData), and to find
// the fields of an imported certificate (crypto/certificate_facts.hpp).
// Definite lengths and single-byte tags only, which is all DER allows for CMS.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace arbor::km::crypto {

// The tags the Key Manager reads, as whole identifier octets.
namespace der_tag {
inline constexpr std::uint8_t boolean = 0x01;
inline constexpr std::uint8_t integer = 0x02;
inline constexpr std::uint8_t bit_string = 0x03;
inline constexpr std::uint8_t octet_string = 0x04;
inline constexpr std::uint8_t null = 0x05;
inline constexpr std::uint8_t oid = 0x06;
inline constexpr std::uint8_t utc_time = 0x17;
inline constexpr std::uint8_t generalized_time = 0x18;
inline constexpr std::uint8_t sequence = 0x30;
inline constexpr std::uint8_t set = 0x31;
// [n] constructed (EXPLICIT, or IMPLICIT over a constructed type) and [n] primitive (IMPLICIT).
constexpr std::uint8_t context(unsigned n) { return static_cast<std::uint8_t>(0xa0 | n); }
constexpr std::uint8_t context_primitive(unsigned n) { return static_cast<std::uint8_t>(0x80 | n); }
}  // namespace der_tag

struct der_header {
  std::uint8_t tag = 0;
  std::size_t header_size = 0;   // tag and length octets
  std::size_t content_size = 0;  // what the length octets say
};

// Parses the tag and length at the start of `bytes`. Returns nullopt when `bytes` ends inside the
// header; throws errc::corrupt for an indefinite or oversized length or a multi-byte tag.
std::optional<der_header> parse_der_header(std::span<const std::uint8_t> bytes);

// Walks the elements of one constructed DER value. Every step checks the tag and that the element
// fits, throwing errc::corrupt otherwise.
class der_cursor {
 public:
  explicit der_cursor(std::span<const std::uint8_t> bytes) : rest_(bytes) {}

  // The next element, whole (header included), after checking its tag.
  std::span<const std::uint8_t> take(std::uint8_t tag);
  // The content of the next element, which must be constructed with `tag`, as a new cursor.
  der_cursor enter(std::uint8_t tag);
  // Skips the next element if it has `tag`.
  void skip_optional(std::uint8_t tag);
  // The tag of the next element; nullopt at the end.
  std::optional<std::uint8_t> peek_tag() const;
  bool at_end() const noexcept { return rest_.empty(); }
  // What is left, unparsed (the content of a primitive value once entered).
  std::span<const std::uint8_t> rest() const noexcept { return rest_; }

 private:
  der_header next_header() const;
  std::span<const std::uint8_t> rest_;
};

}  // namespace arbor::km::crypto
