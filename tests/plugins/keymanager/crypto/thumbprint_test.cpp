#define BOOST_TEST_MODULE thumbprint_test
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "crypto/thumbprint.hpp"
#include "crypto_test_support.hpp"

using namespace arbor::km::crypto;
namespace test = arbor::km::test;

namespace {

struct cert_fixture {
  test::scratch_dir dir;
  std::filesystem::path pem = test::make_cli_certificate(dir, "server", "ec -pkeyopt ec_paramgen_curve:P-256");
  certificate cert = certificate::from_file(pem);
  std::string sha1 = sha1_hex(cert);
  std::string sha256 = sha256_hex(cert);
};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::toupper);
  return text;
}

// Changes one hex digit so the text stays well formed but no longer matches.
std::string flip_last_digit(std::string hex) {
  hex.back() = hex.back() == '0' ? '1' : '0';
  return hex;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(digests, cert_fixture)

BOOST_AUTO_TEST_CASE(sha1_matches_the_openssl_tool) {
  BOOST_TEST(sha1.size() == 40u);
  BOOST_TEST(std::none_of(sha1.begin(), sha1.end(), ::isupper));
  BOOST_TEST(with_colons(sha1) == test::cli_fingerprint(pem, "sha1"));
}

BOOST_AUTO_TEST_CASE(sha256_matches_the_openssl_tool) {
  BOOST_TEST(sha256.size() == 64u);
  BOOST_TEST(std::none_of(sha256.begin(), sha256.end(), ::isupper));
  BOOST_TEST(with_colons(sha256) == test::cli_fingerprint(pem, "sha256"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(with_colons_pairs_digits_in_uppercase) {
  BOOST_TEST(with_colons("ab01cd") == "AB:01:CD");
  BOOST_TEST(with_colons("") == "");
}

BOOST_FIXTURE_TEST_SUITE(checking, cert_fixture)

BOOST_AUTO_TEST_CASE(accepts_the_first_eight_sha1_digits) {
  const auto result = check_thumbprint(sha1.substr(0, 8), cert);
  BOOST_TEST(result.matched());
  BOOST_TEST(result.reason.empty());
  BOOST_TEST((result.compared_with == thumbprint_kind::sha1_prefix));
}

BOOST_AUTO_TEST_CASE(accepts_the_whole_sha1_and_sha256) {
  BOOST_TEST((check_thumbprint(sha1, cert).compared_with == thumbprint_kind::sha1));
  BOOST_TEST(check_thumbprint(sha1, cert).matched());
  BOOST_TEST((check_thumbprint(sha256, cert).compared_with == thumbprint_kind::sha256));
  BOOST_TEST(check_thumbprint(sha256, cert).matched());
}

BOOST_AUTO_TEST_CASE(ignores_case_spaces_and_colons) {
  BOOST_TEST(check_thumbprint(upper(sha1.substr(0, 8)), cert).matched());
  BOOST_TEST(check_thumbprint(test::cli_fingerprint(pem, "sha1"), cert).matched());
  BOOST_TEST(check_thumbprint(test::cli_fingerprint(pem, "sha256"), cert).matched());
  BOOST_TEST(check_thumbprint("  " + sha1.substr(0, 4) + " " + upper(sha1.substr(4, 4)) + "\t\n", cert).matched());
  BOOST_TEST(check_thumbprint(sha1.substr(0, 2) + ":" + sha1.substr(2, 2) + " : " + sha1.substr(4, 4), cert).matched());
}

BOOST_AUTO_TEST_CASE(refuses_characters_that_are_not_hex) {
  const auto result = check_thumbprint(sha1.substr(0, 7) + "g", cert);
  BOOST_TEST(!result.matched());
  BOOST_TEST((result.verdict == thumbprint_verdict::not_hex));
  BOOST_TEST(result.reason.find("'g'") != std::string::npos);
  BOOST_TEST(!result.compared_with.has_value());
  BOOST_TEST((check_thumbprint(sha1.substr(0, 7) + "-" + sha1.substr(7, 1), cert).verdict ==
              thumbprint_verdict::not_hex));
}

BOOST_AUTO_TEST_CASE(refuses_lengths_other_than_8_40_or_64) {
  for (std::size_t length : {0, 1, 7, 9, 16, 39, 41, 63}) {
    const std::string typed = (sha1 + sha256).substr(0, length);
    const auto result = check_thumbprint(typed, cert);
    BOOST_TEST((result.verdict == thumbprint_verdict::wrong_length), "length " << length);
    BOOST_TEST(result.reason.find(std::to_string(length) + " hex digits") != std::string::npos);
  }
  BOOST_TEST((check_thumbprint(sha256 + "00", cert).verdict == thumbprint_verdict::wrong_length));
}

BOOST_AUTO_TEST_CASE(refuses_a_different_thumbprint_without_revealing_ours) {
  for (const std::string& typed :
       {flip_last_digit(sha1.substr(0, 8)), flip_last_digit(sha1), flip_last_digit(sha256)}) {
    const auto result = check_thumbprint(typed, cert);
    BOOST_TEST((result.verdict == thumbprint_verdict::mismatch));
    BOOST_TEST(result.reason.find(sha1.substr(0, 8)) == std::string::npos);
    BOOST_TEST(result.reason.find(upper(sha1.substr(0, 8))) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_sha256_prefix_is_not_accepted_as_a_sha1_prefix) {
  BOOST_REQUIRE(sha256.substr(0, 8) != sha1.substr(0, 8));
  BOOST_TEST((check_thumbprint(sha256.substr(0, 8), cert).verdict == thumbprint_verdict::mismatch));
}

BOOST_AUTO_TEST_SUITE_END()
