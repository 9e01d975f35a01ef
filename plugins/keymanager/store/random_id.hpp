#pragma once
// Identifiers the store mints itself (user, key and token ids) and the hex encoding they use.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace arbor::km::store {

// Lowercase hex, two digits per byte.
std::string to_hex(std::span<const std::uint8_t> bytes);

// `bytes` random bytes from the OpenSSL CSPRNG as lowercase hex. The default, 128 bits, is the
// size of every stable id in kms.db: unguessable, and unique without coordination between
// servers, which import relies on.
std::string random_id(std::size_t bytes = 16);

}  // namespace arbor::km::store
