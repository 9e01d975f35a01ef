#pragma once
// Standard base64 (RFC 4648, padded, no line breaks) for the DER fields of a transfer payload.
// Key material is encoded straight onto the end of a km::secret and decoded straight into one,
// so no clear copy passes through an ordinary string.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::transfer {

void append_base64(std::span<const std::uint8_t> bytes, secret& out);
std::string to_base64(std::span<const std::uint8_t> bytes);

// Both throw errc::corrupt naming `field` when `text` is not canonical padded base64.
std::vector<std::uint8_t> from_base64(std::string_view text, std::string_view field);
secret secret_from_base64(std::string_view text, std::string_view field);

}  // namespace arbor::km::transfer
