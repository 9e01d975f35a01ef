#define BOOST_TEST_MODULE thumbprint_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>

#include "crypto/server_identity.hpp"
#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto_test_support.hpp"
#include "forged_certificate.hpp"

using namespace arbor::km::crypto;
namespace test = arbor::km::test;

namespace {

struct cert_fixture {
  test::scratch_dir dir;
  std::filesystem::path pem = test::make_cli_certificate(dir, "server", "ec -pkeyopt ec_paramgen_curve:P-256");
  certificate cert = certificate::from_file(pem);
  std::string sha1 = sha1_hex(cert);
  std::string sha256 = sha256_hex(cert);
  short_code_memo codes;
};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::toupper);
  return text;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
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

BOOST_AUTO_TEST_CASE(accepts_the_whole_sha1_and_sha256) {
  BOOST_TEST((check_thumbprint(sha1, cert, codes).compared_with == thumbprint_kind::sha1));
  BOOST_TEST(check_thumbprint(sha1, cert, codes).matched());
  BOOST_TEST((check_thumbprint(sha256, cert, codes).compared_with == thumbprint_kind::sha256));
  BOOST_TEST(check_thumbprint(sha256, cert, codes).matched());
  BOOST_TEST(check_thumbprint(sha256, cert, codes).reason.empty());
}

BOOST_AUTO_TEST_CASE(ignores_case_spaces_colons_and_dashes) {
  BOOST_TEST(check_thumbprint(upper(sha1), cert, codes).matched());
  BOOST_TEST(check_thumbprint(test::cli_fingerprint(pem, "sha1"), cert, codes).matched());
  BOOST_TEST(check_thumbprint(test::cli_fingerprint(pem, "sha256"), cert, codes).matched());
  BOOST_TEST(check_thumbprint("  " + sha1.substr(0, 20) + " " + upper(sha1.substr(20)) + "\t\n", cert, codes).matched());
  BOOST_TEST(check_thumbprint(sha256.substr(0, 32) + "-" + sha256.substr(32), cert, codes).matched());
}

BOOST_AUTO_TEST_CASE(refuses_characters_that_are_not_hex_in_a_fingerprint) {
  const auto result = check_thumbprint(sha1.substr(0, 39) + "g", cert, codes);
  BOOST_TEST(!result.matched());
  BOOST_TEST((result.verdict == thumbprint_verdict::malformed));
  BOOST_TEST(result.reason.find("'g'") != std::string::npos);
  BOOST_TEST(!result.compared_with.has_value());
}

BOOST_AUTO_TEST_CASE(refuses_lengths_other_than_8_40_or_64_and_says_what_to_type) {
  for (std::size_t length : {0, 1, 7, 9, 16, 39, 41, 63}) {
    const std::string typed = (sha1 + sha256).substr(0, length);
    const auto result = check_thumbprint(typed, cert, codes);
    BOOST_TEST((result.verdict == thumbprint_verdict::wrong_length), "length " << length);
    BOOST_TEST(result.reason.find(std::to_string(length) + " characters") != std::string::npos);
    BOOST_TEST(result.reason.find("short code") != std::string::npos);
  }
  BOOST_TEST((check_thumbprint(sha256 + "00", cert, codes).verdict == thumbprint_verdict::wrong_length));
}

BOOST_AUTO_TEST_CASE(refuses_a_different_fingerprint_without_revealing_ours) {
  for (const std::string& typed : {flip_last_digit(sha1), flip_last_digit(sha256)}) {
    const auto result = check_thumbprint(typed, cert, codes);
    BOOST_TEST((result.verdict == thumbprint_verdict::mismatch));
    BOOST_TEST(result.reason.find(sha1.substr(0, 8)) == std::string::npos);
    BOOST_TEST(result.reason.find(upper(sha1.substr(0, 8))) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(refuses_eight_characters_that_are_not_a_short_code) {
  const auto result = check_thumbprint("K7QM-3XPU", cert, codes);
  BOOST_TEST((result.verdict == thumbprint_verdict::malformed));
  BOOST_TEST(result.reason.find("not a short code") != std::string::npos);
}

// One Argon2id evaluation for all the forms typed.
BOOST_AUTO_TEST_CASE(accepts_the_short_code_in_either_case_with_or_without_separators) {
  const std::string code = short_code(cert);
  for (const std::string& typed : {code, grouped(code), lower(grouped(code)), " " + code.substr(0, 4) + " " + code.substr(4)}) {
    const auto result = check_thumbprint(typed, cert, codes);
    BOOST_TEST(result.matched(), typed << ": " << result.reason);
    BOOST_TEST((result.compared_with == thumbprint_kind::short_code));
  }
  const auto result = check_thumbprint(flip_last_digit(code), cert, codes);
  BOOST_TEST((result.verdict == thumbprint_verdict::mismatch));
  BOOST_TEST(result.reason.find(code.substr(0, 4)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_the_first_eight_sha1_digits_and_says_what_to_type_instead) {
  for (const std::string& typed : {sha1.substr(0, 8), upper(sha1.substr(0, 4)) + ":" + sha1.substr(4, 4)}) {
    const auto result = check_thumbprint(typed, cert, codes);
    BOOST_TEST((result.verdict == thumbprint_verdict::sha1_prefix), typed);
    BOOST_TEST(result.reason.find("no longer accepted") != std::string::npos);
    BOOST_TEST(result.reason.find("SHA-256") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 13, F2: the forger's key and the real subject, signature bytes ground until the SHA-1
// thumbprint shares its first digits with the real server's (4 here; 8 took 2.5 minutes). What
// the old check compared matches; the short code does not.
BOOST_AUTO_TEST_CASE(a_certificate_ground_to_share_a_sha1_prefix_does_not_share_the_short_code) {
  const auto real = server_identity::generate(key_type::ec_p384, "Key Management Service (paris)", std::chrono::days(30));
  const auto forgers = server_identity::generate(key_type::ec_p384, "Key Management Service (paris)", std::chrono::days(30));
  const auto forged = test::ground_to_share_sha1_prefix(real.cert(), forgers.cert(), 4);
  BOOST_REQUIRE(forged.subject() == real.cert().subject());
  BOOST_TEST(sha1_hex(forged).substr(0, 4) == sha1_hex(real.cert()).substr(0, 4));  // the old check, shortened

  short_code_memo real_codes;
  short_code_memo forged_codes;
  const std::string read_aloud = grouped(real_codes.of(real.cert()));
  BOOST_TEST(check_thumbprint(read_aloud, real.cert(), real_codes).matched());
  const auto result = check_thumbprint(read_aloud, forged, forged_codes);
  BOOST_TEST((result.verdict == thumbprint_verdict::mismatch));
}
