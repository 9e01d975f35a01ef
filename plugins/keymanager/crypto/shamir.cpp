#include "crypto/shamir.hpp"

#include <openssl/rand.h>

#include <array>
#include <string>

#include "common/km_error.hpp"
#include "crypto/gf256.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto::shamir {
namespace {

constexpr unsigned max_shares = 255;  // every x but 0, where the secret lies

// The polynomial with these coefficients (lowest degree first) at x, by Horner's rule.
std::uint8_t evaluate(const secret& coefficients, std::uint8_t x) {
  std::uint8_t value = 0;
  for (std::size_t k = coefficients.size(); k-- > 0;) value = gf256::mul(value, x) ^ coefficients.data()[k];
  return value;
}

void check_shares(std::span<const share> shares) {
  if (shares.empty()) throw error(errc::bad_input, "no shares were given to put the secret back together");
  std::array<bool, 256> seen{};
  for (const share& each : shares) {
    const std::string which = "share " + std::to_string(each.x);
    if (each.x == 0) throw error(errc::bad_input, "a share has x = 0, where only the secret lies: it is damaged");
    if (seen[each.x]) throw error(errc::bad_input, which + " was given twice: give each share once");
    seen[each.x] = true;
    if (each.y.empty()) throw error(errc::bad_input, which + " is empty: it is damaged");
    const share& first = shares.front();
    if (each.y.size() != first.y.size())
      throw error(errc::bad_input, which + " and share " + std::to_string(first.x) + " differ in length (" +
                                       std::to_string(each.y.size()) + " and " + std::to_string(first.y.size()) +
                                       " bytes): they are not shares of one secret, or one is damaged");
  }
}

// The Lagrange basis polynomial of shares[i] at 0: the product over the other shares j of
// x_j / (x_j - x_i), where subtraction is XOR. Public: it depends on the x coordinates only.
std::uint8_t basis_at_zero(std::span<const share> shares, std::size_t i) {
  std::uint8_t numerator = 1;
  std::uint8_t denominator = 1;
  for (std::size_t j = 0; j < shares.size(); ++j) {
    if (j == i) continue;
    numerator = gf256::mul(numerator, shares[j].x);
    denominator = gf256::mul(denominator, shares[j].x ^ shares[i].x);
  }
  return gf256::mul(numerator, gf256::inverse(denominator));
}

}  // namespace

std::vector<share> split(const secret& whole, unsigned threshold, unsigned count) {
  if (whole.empty()) throw error(errc::bad_input, "an empty secret cannot be split into shares");
  if (count < 1 || count > max_shares)
    throw error(errc::bad_input, "a secret can be split into 1 to 255 shares, not " + std::to_string(count));
  if (threshold < 1 || threshold > count)
    throw error(errc::bad_input, "the number of shares needed to open a secret must be 1 to the number of "
                                 "shares (" + std::to_string(count) + "), not " + std::to_string(threshold));

  std::vector<share> shares(count);
  for (unsigned i = 0; i < count; ++i) shares[i] = {static_cast<std::uint8_t>(i + 1), secret(whole.size())};

  // One polynomial per byte of the secret: that byte at x = 0, random above.
  secret coefficients(threshold);
  for (std::size_t b = 0; b < whole.size(); ++b) {
    coefficients.data()[0] = whole.data()[b];
    ossl::require_ok(RAND_bytes(coefficients.data() + 1, static_cast<int>(threshold - 1)),
                     "could not draw random numbers to split a secret");
    for (share& each : shares) each.y.data()[b] = evaluate(coefficients, each.x);
  }
  return shares;
}

secret combine(std::span<const share> shares) {
  check_shares(shares);
  secret whole(shares.front().y.size());
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const std::uint8_t basis = basis_at_zero(shares, i);
    for (std::size_t b = 0; b < whole.size(); ++b) whole.data()[b] ^= gf256::mul(basis, shares[i].y.data()[b]);
  }
  return whole;
}

}  // namespace arbor::km::crypto::shamir
