#include "crypto/gf256.hpp"

namespace arbor::km::crypto::gf256 {

// Shift and add: a times x^bit for each bit of b, kept only through an all-ones or all-zeros mask.
std::uint8_t mul(std::uint8_t a, std::uint8_t b) noexcept {
  unsigned product = 0;
  unsigned power = a;  // a * x^bit, reduced
  for (unsigned bit = 0; bit < 8; ++bit) {
    product ^= power & (0u - ((b >> bit) & 1u));
    power = (power << 1) ^ (0x11Bu & (0u - (power >> 7)));
  }
  return static_cast<std::uint8_t>(product);
}

// The multiplicative group has 255 elements, so a^254 = a^-1. 254 = 2 + 4 + ... + 128: the
// product of a squared one to seven times, the same fixed sequence of multiplications for every a.
std::uint8_t inverse(std::uint8_t a) noexcept {
  std::uint8_t square = a;
  std::uint8_t result = 1;
  for (int k = 1; k < 8; ++k) {
    square = mul(square, square);
    result = mul(result, square);
  }
  return result;
}

}  // namespace arbor::km::crypto::gf256
