#pragma once
// Arithmetic in GF(2^8), the field of AES: bytes as polynomials over GF(2) modulo
// x^8 + x^4 + x^3 + x + 1 (0x11B). Shamir's sharing (crypto/shamir.hpp) computes in it on bytes of
// secrets, so both functions run in constant time: no branch and no table index depends on an
// operand. Addition and subtraction are both XOR.
#include <cstdint>

namespace arbor::km::crypto::gf256 {

std::uint8_t mul(std::uint8_t a, std::uint8_t b) noexcept;

// The a with mul(a, inverse(a)) == 1, as a^254; 0 has no inverse and gives 0.
std::uint8_t inverse(std::uint8_t a) noexcept;

}  // namespace arbor::km::crypto::gf256
