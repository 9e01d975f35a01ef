#pragma once
// Lowercase hexadecimal, the one encoding the Key Manager uses for digests, key ids and random ids.
#include <cstdint>
#include <span>
#include <string>

namespace arbor::km {

// Two lowercase hex digits per byte, no separators.
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace arbor::km
