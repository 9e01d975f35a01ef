#pragma once
// HKDF-SHA256 (RFC 5869): the one way keys are derived from other keys here, each use with an
// `info` label of its own so two derivations from one key are independent.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/secret.hpp"

namespace arbor::km::crypto {

// `length` bytes (1..8160) derived from the keying material `key` with `salt` (may be empty) and
// `info`. errc::crypto when OpenSSL fails, errc::internal for a length out of range.
secret hkdf_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> salt,
                   std::string_view info, std::size_t length = 32);

}  // namespace arbor::km::crypto
