#define BOOST_TEST_MODULE certificate_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "common/km_error.hpp"
#include "crypto/certificate.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::crypto::certificate;
namespace test = arbor::km::test;
using std::chrono::seconds;

namespace {

// "X509v3 Subject Key Identifier: \n    AB:CD:.." -> "abcd.."
std::string cli_extension_hex(const std::filesystem::path& cert, const std::string& extension) {
  const auto result = test::run("openssl x509 -noout -ext " + extension + " -in " + test::quoted(cert));
  std::string value = result.output.substr(result.output.find('\n') + 1);
  if (value.rfind("    keyid:", 0) == 0) value = value.substr(10);  // older AKID layout
  std::string hex;
  for (char c : value) {
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(c));
  }
  return hex;
}

std::string cli_field(const std::filesystem::path& cert, const std::string& option) {
  const auto result = test::run("openssl x509 -noout " + option + " -in " + test::quoted(cert));
  std::string value = result.output.substr(result.output.find('=') + 1);
  while (!value.empty() && value.back() == '\n') value.pop_back();
  return value;
}

// "Jan  1 00:00:00 2024 GMT" as printed by `openssl x509 -startdate`.
std::chrono::system_clock::time_point cli_time(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%b %d %H:%M:%S %Y");
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

void expect_not_a_certificate(const std::vector<std::uint8_t>& bytes) {
  try {
    certificate::from_bytes(bytes, "the chosen file");
    BOOST_FAIL("garbage was accepted as a certificate");
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::bad_input));
    BOOST_TEST(std::string(e.what()) ==
               "the chosen file is not an X.509 certificate (expected PEM or DER)");
  }
}

std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

// One RSA certificate made by the openssl tool, as PEM and DER, shared by the tests that only
// read it (RSA key generation is slow).
struct rsa_files {
  test::scratch_dir dir;
  std::filesystem::path pem = test::make_cli_certificate(
      dir, "alice", "rsa:2048", "-set_serial 1234567890123456789012345");
  std::filesystem::path der = dir / "alice.der";
  rsa_files() {
    test::run("openssl x509 -in " + test::quoted(pem) + " -outform DER -out " + test::quoted(der));
  }
};

struct rsa_fixture {
  const rsa_files& files = shared();
  const std::filesystem::path& dir = files.dir.path();
  const std::filesystem::path& pem = files.pem;
  const std::filesystem::path& der = files.der;

  static const rsa_files& shared() {
    static const rsa_files instance;
    return instance;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(loading, rsa_fixture)

BOOST_AUTO_TEST_CASE(loads_pem_and_der_to_the_same_certificate) {
  const certificate from_pem = certificate::from_file(pem);
  const certificate from_der = certificate::from_file(der);
  BOOST_TEST(from_pem.der() == test::read_bytes(der), boost::test_tools::per_element());
  BOOST_TEST(from_der.der() == test::read_bytes(der), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(pem_output_reads_back_as_the_same_certificate) {
  const certificate cert = certificate::from_file(pem);
  BOOST_TEST(cert.pem().rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0u);
  BOOST_TEST(certificate::from_bytes(bytes_of(cert.pem())).der() == cert.der(),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(accepts_pem_with_leading_blank_lines) {
  const auto original = test::read_bytes(pem);
  const auto text = "\n\r\n" + std::string(original.begin(), original.end());
  BOOST_TEST(certificate::from_bytes(bytes_of(text)).der() == test::read_bytes(der),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(refuses_der_with_trailing_bytes) {
  auto bytes = test::read_bytes(der);
  bytes.push_back(0);
  expect_not_a_certificate(bytes);
}

BOOST_AUTO_TEST_CASE(refuses_truncated_der) {
  auto bytes = test::read_bytes(der);
  bytes.resize(bytes.size() / 2);
  expect_not_a_certificate(bytes);
}

BOOST_AUTO_TEST_CASE(refuses_a_private_key_pem) {
  expect_not_a_certificate(test::read_bytes(dir / "alice.key"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(refuses_garbage_and_empty_input) {
  expect_not_a_certificate({});
  expect_not_a_certificate(bytes_of("hello, this is not a certificate"));
  expect_not_a_certificate(bytes_of("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"));
  expect_not_a_certificate({0x30, 0x82, 0x01, 0x00, 0x01, 0x02});
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_not_found_and_named) {
  test::scratch_dir dir;
  try {
    certificate::from_file(dir / "missing.crt");
    BOOST_FAIL("a missing file loaded");
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::not_found));
    BOOST_TEST(std::string(e.what()).find("missing.crt") != std::string::npos);
  }
}

BOOST_FIXTURE_TEST_SUITE(fields, rsa_fixture)

BOOST_AUTO_TEST_CASE(names_match_openssl_rfc2253_output) {
  const certificate cert = certificate::from_file(pem);
  BOOST_TEST(cert.subject() == "CN=alice,O=Example Org");
  BOOST_TEST(cert.subject() == cli_field(pem, "-subject -nameopt RFC2253"));
  BOOST_TEST(cert.issuer() == cli_field(pem, "-issuer -nameopt RFC2253"));
}

BOOST_AUTO_TEST_CASE(serial_is_given_in_decimal_and_lowercase_hex) {
  const certificate cert = certificate::from_file(pem);
  BOOST_TEST(cert.serial_decimal() == "1234567890123456789012345");
  std::string cli_hex = cli_field(pem, "-serial");
  std::transform(cli_hex.begin(), cli_hex.end(), cli_hex.begin(), ::tolower);
  BOOST_TEST(cert.serial_hex() == cli_hex);
}

BOOST_AUTO_TEST_CASE(dates_match_openssl_and_bound_validity) {
  const certificate cert = certificate::from_file(pem);
  BOOST_TEST((cert.not_before() == cli_time(cli_field(pem, "-startdate"))));
  BOOST_TEST((cert.not_after() == cli_time(cli_field(pem, "-enddate"))));
  BOOST_TEST(!cert.valid_at(cert.not_before() - seconds{1}));
  BOOST_TEST(cert.valid_at(cert.not_before()));
  BOOST_TEST(cert.valid_at(cert.not_after()));
  BOOST_TEST(!cert.valid_at(cert.not_after() + seconds{1}));
}

BOOST_AUTO_TEST_CASE(key_identifiers_match_openssl) {
  const certificate cert = certificate::from_file(pem);
  BOOST_REQUIRE(cert.subject_key_id_hex().has_value());
  BOOST_REQUIRE(cert.authority_key_id_hex().has_value());
  BOOST_TEST(*cert.subject_key_id_hex() == cli_extension_hex(pem, "subjectKeyIdentifier"));
  BOOST_TEST(*cert.authority_key_id_hex() == cli_extension_hex(pem, "authorityKeyIdentifier"));
  BOOST_TEST(cert.subject_key_id_hex()->size() == 40u);
}

BOOST_AUTO_TEST_CASE(copies_share_one_certificate) {
  const certificate cert = certificate::from_file(pem);
  certificate copy = cert;
  BOOST_TEST(copy.native() == cert.native());
  BOOST_TEST(copy.key_algorithm() == "RSA 2048");
  BOOST_TEST(cert.public_key() != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(missing_key_identifiers_are_reported_as_absent) {
  test::scratch_dir dir;
  const auto pem = test::make_cli_certificate(dir, "bare", "rsa:2048",
                                              "-config /dev/null -addext subjectKeyIdentifier=none "
                                              "-addext authorityKeyIdentifier=none");
  const certificate cert = certificate::from_file(pem);
  BOOST_TEST(!cert.subject_key_id_hex().has_value());
  BOOST_TEST(!cert.authority_key_id_hex().has_value());
}

BOOST_AUTO_TEST_SUITE(encryption)

BOOST_AUTO_TEST_CASE(rsa_with_key_encipherment_or_no_key_usage_can_receive) {
  test::scratch_dir dir;
  const auto with_usage = test::make_cli_certificate(
      dir, "enc", "rsa:2048", "-addext keyUsage=digitalSignature,keyEncipherment");
  const auto without_usage = test::make_cli_certificate(dir, "plain", "rsa:2048");
  BOOST_TEST(static_cast<bool>(certificate::from_file(with_usage).can_receive_encryption()));
  BOOST_TEST(static_cast<bool>(certificate::from_file(without_usage).can_receive_encryption()));
}

BOOST_AUTO_TEST_CASE(rsa_signing_only_cannot_receive) {
  test::scratch_dir dir;
  const auto pem =
      test::make_cli_certificate(dir, "sign", "rsa:2048", "-addext keyUsage=digitalSignature");
  const auto verdict = certificate::from_file(pem).can_receive_encryption();
  BOOST_TEST(!verdict.suitable);
  BOOST_TEST(verdict.reason.find("keyEncipherment") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec_needs_key_agreement) {
  test::scratch_dir dir;
  const std::string ec = "ec -pkeyopt ec_paramgen_curve:P-256";
  const auto agreeing =
      test::make_cli_certificate(dir, "agree", ec, "-addext keyUsage=digitalSignature,keyAgreement");
  const auto signing = test::make_cli_certificate(dir, "sign", ec, "-addext keyUsage=digitalSignature");
  BOOST_TEST(certificate::from_file(agreeing).key_algorithm() == "EC P-256");
  BOOST_TEST(static_cast<bool>(certificate::from_file(agreeing).can_receive_encryption()));
  const auto verdict = certificate::from_file(signing).can_receive_encryption();
  BOOST_TEST(!verdict.suitable);
  BOOST_TEST(verdict.reason.find("keyAgreement") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_algorithms_cannot_receive) {
  test::scratch_dir dir;
  const auto pem = test::make_cli_certificate(dir, "edwards", "ed25519");
  const auto verdict = certificate::from_file(pem).can_receive_encryption();
  BOOST_TEST(!verdict.suitable);
  BOOST_TEST(verdict.reason.find("only RSA and EC") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
