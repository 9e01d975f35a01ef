#pragma once
// Shamir's secret sharing over GF(2^8), the field of AES (x^8 + x^4 + x^3 + x + 1), one polynomial
// per byte of the secret, as HashiCorp Vault's shamir package does. A secret split with threshold
// n opens from any n of its shares and from no fewer: n - 1 shares say nothing of it. The password
// policy is made cryptographic with it (docs/key-protection.md). Field arithmetic is constant time:
// no table is indexed by a secret byte.
#include <cstdint>
#include <span>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::crypto::shamir {

// One share: the polynomials' values at x.
struct share {
  std::uint8_t x = 0;  // 1..255; 0 is where the secret lies
  secret y;            // as long as the secret
};

// Splits `whole` into `count` shares at x = 1..count, any `threshold` of which give it back.
// errc::bad_input unless 1 <= threshold <= count <= 255 and `whole` is not empty. With threshold 1
// every share is the secret itself.
std::vector<share> split(const secret& whole, unsigned threshold, unsigned count);

// The value at x = 0 of the polynomials through `shares`. Fewer shares than the threshold give a
// value unrelated to the secret, not an error: only what the secret opens can tell.
// errc::bad_input for no shares, shares of different or zero lengths, an x of 0 or one x twice.
secret combine(std::span<const share> shares);

}  // namespace arbor::km::crypto::shamir
