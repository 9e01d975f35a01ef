#define BOOST_TEST_MODULE pkcs12_test
#include <boost/test/unit_test.hpp>

#include <functional>

#include "common/km_error.hpp"
#include "crypto/pkcs12.hpp"
#include "crypto/server_identity.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::secret;
using namespace arbor::km::crypto;
namespace test = arbor::km::test;
using namespace std::chrono;

namespace {

const secret password("correct horse battery staple");

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Two keys of a user's history (RSA and EC), each with its own self-signed certificate;
// generated once because RSA key generation is slow.
const server_identity& history_key(key_type type) {
  static const server_identity rsa = server_identity::generate(key_type::rsa3072, "alice (2029)", days{365});
  static const server_identity ec = server_identity::generate(key_type::ec_p384, "alice (2030)", days{365});
  return type == key_type::rsa3072 ? rsa : ec;
}

struct history_fixture {
  const server_identity& first = history_key(key_type::rsa3072);
  const server_identity& second = history_key(key_type::ec_p384);
  std::vector<pkcs12_entry> entries{{first.key(), first.cert(), "Alice 2029"},
                                    {second.key(), second.cert(), "Alice 2030"}};
  test::scratch_dir dir;

  test::command_result open_with_cli(const std::vector<std::uint8_t>& der, const std::string& pass,
                                     const std::string& options = "-nodes") {
    test::write_bytes(dir / "keys.p12", der);
    return test::run("openssl pkcs12 -in " + test::quoted(dir / "keys.p12") + " " + options +
                     " -passin pass:'" + pass + "'");
  }
};

bool refused_as_bad_input(const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    return e.code() == errc::bad_input;
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pkcs12, history_fixture)

BOOST_AUTO_TEST_CASE(openssl_opens_it_and_every_key_and_certificate_comes_out) {
  const auto der = make_pkcs12(entries, password);
  const auto result = open_with_cli(der, std::string(password.view()));
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(count(result.output, "-----BEGIN PRIVATE KEY-----") == 2u);
  BOOST_TEST(count(result.output, "-----BEGIN CERTIFICATE-----") == 2u);
  BOOST_TEST(result.output.find("friendlyName: Alice 2029") != std::string::npos);
  BOOST_TEST(result.output.find("friendlyName: Alice 2030") != std::string::npos);
  BOOST_TEST(result.output.find(first.cert().pem()) != std::string::npos);
  BOOST_TEST(result.output.find(second.cert().pem()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(keys_come_out_paired_with_their_certificates) {
  const auto result = open_with_cli(make_pkcs12(entries, password), std::string(password.view()));
  // Each key bag and its certificate bag carry the same localKeyID; OpenSSL prints it per bag.
  BOOST_TEST(count(result.output, "localKeyID:") == 4u);
  test::write_text(dir / "out.pem", result.output);
  const auto ids = test::run("grep localKeyID " + test::quoted(dir / "out.pem") + " | sort | uniq -c").output;
  BOOST_TEST(count(ids, "      2 ") == 2u, ids);
}

BOOST_AUTO_TEST_CASE(uses_aes_256_cbc_pbkdf2_sha256_and_a_sha256_mac) {
  const auto result = open_with_cli(make_pkcs12(entries, password), std::string(password.view()),
                                    "-info -noout");
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(result.output.find("MAC: sha256") != std::string::npos, result.output);
  BOOST_TEST(count(result.output, "PBES2, PBKDF2, AES-256-CBC") == 3u, result.output);
  BOOST_TEST(result.output.find("PRF hmacWithSHA256") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_does_not_open_it) {
  const auto result = open_with_cli(make_pkcs12(entries, password), "wrong password");
  BOOST_TEST(result.exit_code != 0);
  BOOST_TEST(result.output.find("BEGIN PRIVATE KEY") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(extra_ca_certificates_are_included) {
  const server_identity ca = server_identity::generate(key_type::ec_p384, "Example CA", days{365});
  const std::vector<certificate> chain{ca.cert()};
  const auto result = open_with_cli(make_pkcs12(entries, password, chain), std::string(password.view()),
                                    "-nokeys");
  BOOST_TEST(count(result.output, "-----BEGIN CERTIFICATE-----") == 3u);
  BOOST_TEST(result.output.find(ca.cert().pem()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_empty_input_bad_passwords_and_mismatched_keys) {
  BOOST_TEST(refused_as_bad_input([&] { make_pkcs12({}, password); }));
  BOOST_TEST(refused_as_bad_input([&] { make_pkcs12(entries, secret()); }));
  BOOST_TEST(refused_as_bad_input([&] { make_pkcs12(entries, secret(std::string_view("a\0b", 3))); }));
  const std::vector<pkcs12_entry> mismatched{{first.key(), second.cert(), "wrong"}};
  BOOST_TEST(refused_as_bad_input([&] { make_pkcs12(mismatched, password); }));
}

BOOST_AUTO_TEST_SUITE_END()
