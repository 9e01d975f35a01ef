#define BOOST_TEST_MODULE private_key_test
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>

#include <functional>

#include "common/km_error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::secret;
using namespace arbor::km::crypto;
namespace test = arbor::km::test;

namespace {

bool fails_with(errc code, const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    return e.code() == code;
  }
  return false;
}

// What `openssl pkey` reports as the SHA-256 of the public key in a PKCS#8 file.
std::string cli_public_key_sha256(const std::filesystem::path& pkcs8_der) {
  const auto result = test::run("openssl pkey -inform DER -in " + test::quoted(pkcs8_der) +
                                " -pubout -outform DER | openssl dgst -sha256 -r");
  return result.output.substr(0, 64);
}

}  // namespace

BOOST_AUTO_TEST_CASE(generates_rsa_and_describes_it) {
  const private_key key = private_key::generate_rsa(2048);
  BOOST_TEST(key.algorithm() == "RSA 2048");
  BOOST_TEST(EVP_PKEY_get_base_id(key.native()) == EVP_PKEY_RSA);
}

BOOST_AUTO_TEST_CASE(generates_ec_on_nist_curves_and_describes_them) {
  BOOST_TEST(private_key::generate_ec("P-256").algorithm() == "EC P-256");
  BOOST_TEST(private_key::generate_ec("P-384").algorithm() == "EC P-384");
  BOOST_TEST(private_key::generate_ec("P-521").algorithm() == "EC P-521");
}

BOOST_AUTO_TEST_CASE(refuses_weak_or_unknown_parameters) {
  BOOST_TEST(fails_with(errc::bad_input, [] { private_key::generate_rsa(1024); }));
  BOOST_TEST(fails_with(errc::bad_input, [] { private_key::generate_rsa(65536); }));
  BOOST_TEST(fails_with(errc::bad_input, [] { private_key::generate_ec("secp256k1"); }));
  BOOST_TEST(fails_with(errc::bad_input, [] { private_key::generate_ec(""); }));
}

BOOST_AUTO_TEST_CASE(pkcs8_round_trip_keeps_the_key_and_openssl_reads_it) {
  test::scratch_dir dir;
  const private_key key = private_key::generate_ec("P-384");
  const secret der = key.to_pkcs8_der();
  const private_key back = private_key::from_pkcs8_der(der);
  BOOST_TEST(EVP_PKEY_eq(key.native(), back.native()) == 1);
  BOOST_TEST((back.to_pkcs8_der() == der));

  test::write_bytes(dir / "key.der", {der.data(), der.data() + der.size()});
  BOOST_TEST(key.public_key_sha256_hex() == cli_public_key_sha256(dir / "key.der"));
}

BOOST_AUTO_TEST_CASE(public_key_der_is_the_subject_public_key_info) {
  const private_key key = private_key::generate_ec("P-256");
  const auto der = key.public_key_der();
  const unsigned char* in = der.data();
  const ossl::pkey_ptr parsed(d2i_PUBKEY(nullptr, &in, static_cast<long>(der.size())));
  BOOST_REQUIRE(parsed != nullptr);
  BOOST_TEST(EVP_PKEY_eq(parsed.get(), key.native()) == 1);
  BOOST_TEST(key.public_key_sha256_hex().size() == 64u);
}

BOOST_AUTO_TEST_CASE(refuses_pkcs8_that_does_not_parse) {
  BOOST_TEST(fails_with(errc::bad_input, [] { private_key::from_pkcs8_der(secret("not a key")); }));
  BOOST_TEST(fails_with(errc::bad_input, [] { private_key::from_pkcs8_der(secret()); }));
  secret trailing = private_key::generate_ec("P-256").to_pkcs8_der();
  trailing.resize(trailing.size() + 1);
  BOOST_TEST(fails_with(errc::bad_input, [&] { private_key::from_pkcs8_der(trailing); }));
}

BOOST_AUTO_TEST_CASE(matches_only_its_own_certificate) {
  test::scratch_dir dir;
  const auto pem = test::make_cli_certificate(dir, "holder", "ec -pkeyopt ec_paramgen_curve:P-256");
  test::run("openssl pkcs8 -topk8 -nocrypt -in " + test::quoted(dir / "holder.key") +
            " -outform DER -out " + test::quoted(dir / "holder.der"));
  const auto der_bytes = test::read_bytes(dir / "holder.der");
  const private_key own = private_key::from_pkcs8_der(secret(der_bytes.data(), der_bytes.size()));
  const certificate cert = certificate::from_file(pem);
  BOOST_TEST(own.matches(cert));
  BOOST_TEST(!private_key::generate_ec("P-256").matches(cert));
  BOOST_TEST(own.public_key_sha256_hex() ==
             private_key::from_pkcs8_der(own.to_pkcs8_der()).public_key_sha256_hex());
}
