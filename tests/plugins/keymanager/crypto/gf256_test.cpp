#define BOOST_TEST_MODULE gf256_test
// The field Shamir's sharing computes in: every product against a slow reference written apart
// from the code under test, the field laws, every inverse, and published values for the AES field.
#include <boost/test/unit_test.hpp>

#include <cstdint>

#include "crypto/gf256.hpp"

using arbor::km::crypto::gf256::inverse;
using arbor::km::crypto::gf256::mul;

namespace {

// Schoolbook: the carry-less product of degree up to 14, then long division by the AES polynomial.
std::uint8_t reference_mul(unsigned a, unsigned b) {
  unsigned product = 0;
  for (unsigned bit = 0; bit < 8; ++bit)
    if (b & (1u << bit)) product ^= a << bit;
  for (unsigned degree = 14; degree >= 8; --degree)
    if (product & (1u << degree)) product ^= 0x11Bu << (degree - 8);
  return static_cast<std::uint8_t>(product);
}

std::uint8_t divide(std::uint8_t a, std::uint8_t b) { return mul(a, inverse(b)); }

}  // namespace

BOOST_AUTO_TEST_CASE(every_product_matches_the_reference) {
  for (unsigned a = 0; a < 256; ++a)
    for (unsigned b = 0; b < 256; ++b)
      if (mul(a, b) != reference_mul(a, b)) BOOST_FAIL(a << " * " << b << " = " << unsigned(mul(a, b)));
}

// Plain ifs rather than an assertion per check: 65536 pairs, and the suite also runs under ASan.
BOOST_AUTO_TEST_CASE(multiplication_is_commutative_associative_and_distributes_over_xor) {
  for (unsigned a = 0; a < 256; ++a) {
    if (mul(a, 1) != a || mul(a, 0) != 0) BOOST_FAIL("1 or 0 times " << a);
    for (unsigned b = 0; b < 256; ++b) {
      const std::uint8_t ab = mul(a, b);
      if (ab != mul(b, a)) BOOST_FAIL(a << " * " << b << " is not " << b << " * " << a);
      for (const std::uint8_t c : {0x02, 0x53, 0xCA, 0xFF}) {
        if (mul(ab, c) != mul(a, mul(b, c))) BOOST_FAIL("(" << a << " * " << b << ") * " << unsigned(c));
        if (mul(a, b ^ c) != (ab ^ mul(a, c))) BOOST_FAIL(a << " * (" << b << " ^ " << unsigned(c) << ")");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_nonzero_byte_has_its_inverse_and_zero_gives_zero) {
  for (unsigned a = 1; a < 256; ++a) {
    BOOST_TEST_REQUIRE(mul(a, inverse(a)) == 1, "a = " << a);
    BOOST_TEST_REQUIRE(inverse(inverse(a)) == a, "a = " << a);
  }
  BOOST_TEST(inverse(0) == 0);
}

// HashiCorp Vault's shamir/shamir_test.go (TestField_Mult, TestField_Divide), the same field.
// Its TestField_Add checks XOR, which has no function here.
BOOST_AUTO_TEST_CASE(matches_vaults_field_vectors) {
  BOOST_TEST(mul(3, 7) == 9);
  BOOST_TEST(mul(3, 0) == 0);
  BOOST_TEST(mul(0, 3) == 0);
  BOOST_TEST(divide(0, 7) == 0);
  BOOST_TEST(divide(3, 3) == 1);
  BOOST_TEST(divide(6, 3) == 2);
}

// FIPS-197 (AES), section 4.2: {57}*{83} = {c1}; section 4.2.1: the powers of x times {57} and
// {57}*{13} = {fe}. {53}^-1 = {ca} is the inverse behind its S-box example (section 5.1.1,
// S({53}) = {ed}).
BOOST_AUTO_TEST_CASE(matches_the_aes_standards_examples) {
  BOOST_TEST(mul(0x57, 0x83) == 0xC1);
  BOOST_TEST(mul(0x57, 0x02) == 0xAE);
  BOOST_TEST(mul(0x57, 0x04) == 0x47);
  BOOST_TEST(mul(0x57, 0x08) == 0x8E);
  BOOST_TEST(mul(0x57, 0x10) == 0x07);
  BOOST_TEST(mul(0x57, 0x13) == 0xFE);
  BOOST_TEST(inverse(0x53) == 0xCA);
}
