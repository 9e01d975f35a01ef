#define BOOST_TEST_MODULE csr_test
#include <boost/test/unit_test.hpp>

#include <functional>

#include "common/km_error.hpp"
#include "crypto/csr.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::error;
using namespace arbor::km::crypto;
namespace test = arbor::km::test;

namespace {

// `openssl req -verify -text` on the request, which checks its self-signature.
test::command_result cli_verify(const std::string& pem, const test::scratch_dir& dir) {
  test::write_text(dir / "request.pem", pem);
  return test::run("openssl req -verify -noout -text -in " + test::quoted(dir / "request.pem"));
}

bool refused_as_bad_input(const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    return e.code() == errc::bad_input;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rsa_request_verifies_and_carries_name_and_email) {
  test::scratch_dir dir;
  const std::string pem = make_csr(private_key::generate_rsa(2048), "Alice Example", "alice@example.org");
  BOOST_TEST(pem.rfind("-----BEGIN CERTIFICATE REQUEST-----\n", 0) == 0u);
  const auto result = cli_verify(pem, dir);
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(result.output.find("verify OK") != std::string::npos);
  BOOST_TEST(result.output.find("Subject: CN = Alice Example") != std::string::npos);
  BOOST_TEST(result.output.find("X509v3 Subject Alternative Name: \n                    "
                                "email:alice@example.org\n") != std::string::npos);
  BOOST_TEST(result.output.find("sha256WithRSAEncryption") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec_request_verifies_with_sha256) {
  test::scratch_dir dir;
  const auto result = cli_verify(make_csr(private_key::generate_ec("P-256"), "Bob", "bob@example.org"), dir);
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(result.output.find("ecdsa-with-SHA256") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_email_cannot_smuggle_extra_names) {
  // In OpenSSL's config syntax a comma would start a second name.
  const private_key key = private_key::generate_ec("P-256");
  BOOST_TEST(refused_as_bad_input([&] { make_csr(key, "Eve", "eve@example.org,DNS:bank.example"); }));
}

BOOST_AUTO_TEST_CASE(accepts_the_usual_address_characters) {
  test::scratch_dir dir;
  const std::string email = "first.last+tag_1@mail-1.example.org";
  const auto result = cli_verify(make_csr(private_key::generate_ec("P-256"), "First Last", email), dir);
  BOOST_TEST(result.output.find("email:" + email + "\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_unusable_names_and_addresses) {
  const private_key key = private_key::generate_ec("P-256");
  BOOST_TEST(refused_as_bad_input([&] { make_csr(key, "", "a@example.org"); }));
  BOOST_TEST(refused_as_bad_input([&] { make_csr(key, std::string(65, 'x'), "a@example.org"); }));
  for (const char* email : {"", "no-at-sign", "@example.org", "alice@", "a@b@c", "al ice@example.org", "a@exa_mple.org", "a(b)@example.org",
                            "alice@ex\xc3\xa4mple.org"}) {
    BOOST_TEST(refused_as_bad_input([&] { make_csr(key, "Alice", email); }), "email '" << email << "'");
  }
}
