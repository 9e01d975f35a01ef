#define BOOST_TEST_MODULE hkdf_test
// HKDF-SHA256 against RFC 5869's published SHA-256 test cases (Appendix A.1 to A.3), and its
// refusal of lengths the RFC does not allow.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/hex.hpp"
#include "common/km_error.hpp"
#include "crypto/hkdf.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::to_hex;
using arbor::km::crypto::hkdf_sha256;
using arbor::km::test::from_hex;
namespace test = arbor::km::test;

namespace {

std::string okm_hex(std::string_view ikm, std::string_view salt, std::string_view info, std::size_t length) {
  const std::vector<std::uint8_t> info_bytes = from_hex(info);
  const auto okm = hkdf_sha256(from_hex(ikm), from_hex(salt), {reinterpret_cast<const char*>(info_bytes.data()), info_bytes.size()},
                               length);
  return to_hex({okm.data(), okm.size()});
}

std::optional<errc> refusal_code(std::size_t length) {
  return test::refusal_of([&] { hkdf_sha256(from_hex("0b0b0b0b"), {}, "", length); }).code;
}

}  // namespace

BOOST_AUTO_TEST_CASE(matches_rfc5869_test_case_1) {
  BOOST_TEST(okm_hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42) ==
             "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

BOOST_AUTO_TEST_CASE(matches_rfc5869_test_case_2_with_long_inputs) {
  const std::string ikm =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
      "404142434445464748494a4b4c4d4e4f";
  const std::string salt =
      "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
      "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
      "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
  const std::string info =
      "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
      "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
      "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
  BOOST_TEST(okm_hex(ikm, salt, info, 82) ==
             "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
             "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
             "cc30c58179ec3e87c14c01d5c1f3434f1d87");
}

// An empty salt is RFC 5869's "not provided".
BOOST_AUTO_TEST_CASE(matches_rfc5869_test_case_3_with_empty_salt_and_info) {
  BOOST_TEST(okm_hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42) ==
             "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

BOOST_AUTO_TEST_CASE(derives_every_length_from_1_to_8160_bytes) {
  BOOST_TEST(hkdf_sha256(from_hex("0b0b0b0b"), {}, "").size() == 32u);
  BOOST_TEST(hkdf_sha256(from_hex("0b0b0b0b"), {}, "", 1).size() == 1u);
  BOOST_TEST(hkdf_sha256(from_hex("0b0b0b0b"), {}, "", 8160).size() == 8160u);
}

BOOST_AUTO_TEST_CASE(refuses_lengths_out_of_range) {
  BOOST_TEST((refusal_code(0) == errc::internal));
  BOOST_TEST((refusal_code(8161) == errc::internal));
}
