#pragma once
// Lowercase hexadecimal, the one encoding the crypto services use for digests and key ids.
#include <cstdint>
#include <span>
#include <string>

namespace arbor::km::crypto {

// Two lowercase hex digits per byte, no separators.
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace arbor::km::crypto
