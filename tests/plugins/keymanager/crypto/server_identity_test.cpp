#define BOOST_TEST_MODULE server_identity_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>

#include "common/km_error.hpp"
#include "crypto/server_identity.hpp"
#include "crypto_test_support.hpp"
#include "forged_certificate.hpp"

using arbor::km::errc;
using arbor::km::error;
using namespace arbor::km::crypto;
namespace test = arbor::km::test;
using namespace std::chrono;

namespace {

// A fixed creation time, so validity dates can be checked exactly.
const sys_seconds created_at = sys_days{year{2030} / 1 / 15} + hours{10};

// Key generation is slow, so each key type is generated once and shared (tests only read it).
const server_identity& identity(key_type type) {
  static const server_identity rsa = server_identity::generate(key_type::rsa3072, "kms-a.example", days{365}, created_at);
  static const server_identity ec = server_identity::generate(key_type::ec_p384, "kms-b.example", days{730}, created_at);
  return type == key_type::rsa3072 ? rsa : ec;
}

std::string cli_text(const certificate& cert, const test::scratch_dir& dir) {
  test::write_text(dir / "cert.pem", cert.pem());
  return test::run("openssl x509 -noout -text -in " + test::quoted(dir / "cert.pem")).output;
}

errc failure_code(const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    return e.code();
  }
  BOOST_FAIL("no error was thrown");
  return errc::internal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(generation)

BOOST_AUTO_TEST_CASE(rsa_identity_is_a_self_signed_v3_encryption_certificate) {
  test::scratch_dir dir;
  const server_identity& id = identity(key_type::rsa3072);
  const std::string text = cli_text(id.cert(), dir);
  BOOST_TEST(id.key().algorithm() == "RSA 3072");
  BOOST_TEST(id.cert().subject() == "CN=kms-a.example");
  BOOST_TEST(id.cert().issuer() == id.cert().subject());
  BOOST_TEST(text.find("Version: 3 (0x2)") != std::string::npos);
  BOOST_TEST(text.find("X509v3 Basic Constraints: critical\n                CA:FALSE") != std::string::npos);
  BOOST_TEST(text.find("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment\n") != std::string::npos);
  BOOST_TEST(text.find("X509v3 Subject Key Identifier") != std::string::npos);
  BOOST_TEST(text.find("Subject Alternative Name") == std::string::npos);
  BOOST_TEST(text.find("sha256WithRSAEncryption") != std::string::npos);
  BOOST_TEST(static_cast<bool>(id.cert().can_receive_encryption()));
  BOOST_TEST(X509_verify(id.cert().native(), id.key().native()) == 1);
}

BOOST_AUTO_TEST_CASE(ec_identity_uses_key_agreement) {
  test::scratch_dir dir;
  const server_identity& id = identity(key_type::ec_p384);
  const std::string text = cli_text(id.cert(), dir);
  BOOST_TEST(id.key().algorithm() == "EC P-384");
  BOOST_TEST(text.find("X509v3 Key Usage: critical\n                Digital Signature, Key Agreement\n") != std::string::npos);
  BOOST_TEST(text.find("ecdsa-with-SHA384") != std::string::npos);
  BOOST_TEST(static_cast<bool>(id.cert().can_receive_encryption()));
  BOOST_TEST(X509_verify(id.cert().native(), id.key().native()) == 1);
}

BOOST_AUTO_TEST_CASE(validity_starts_at_creation_for_the_requested_days) {
  BOOST_TEST((identity(key_type::rsa3072).cert().not_before() == created_at));
  BOOST_TEST((identity(key_type::rsa3072).cert().not_after() == created_at + days{365}));
  BOOST_TEST((identity(key_type::ec_p384).cert().not_after() == created_at + days{730}));
}

BOOST_AUTO_TEST_CASE(serials_are_random_128_bit_positive_numbers) {
  const std::string a = identity(key_type::rsa3072).cert().serial_hex();
  const std::string b = identity(key_type::ec_p384).cert().serial_hex();
  BOOST_TEST(a.size() == 32u);
  BOOST_TEST(b.size() == 32u);
  BOOST_TEST(a != b);
  BOOST_TEST(a.front() != '-');
}

BOOST_AUTO_TEST_CASE(refuses_bad_names_and_validity_before_generating_a_key) {
  const auto generate = [](std::string_view name, days validity) {
    return [=] { server_identity::generate(key_type::ec_p384, name, validity, created_at); };
  };
  BOOST_TEST((failure_code(generate("", days{30})) == errc::bad_input));
  BOOST_TEST((failure_code(generate(std::string(65, 'a'), days{30})) == errc::bad_input));
  BOOST_TEST((failure_code(generate("bad \xff utf-8", days{30})) == errc::bad_input));
  BOOST_TEST((failure_code(generate("kms", days{0})) == errc::bad_input));
  BOOST_TEST((failure_code(generate("kms", days{36526})) == errc::bad_input));
  BOOST_TEST(server_identity::generate(key_type::ec_p384, std::string(64, 'a'), days{1}, created_at)
                 .cert().subject() == "CN=" + std::string(64, 'a'));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(storage)

constexpr key_type both_types[] = {key_type::rsa3072, key_type::ec_p384};

// The files a Key Manager made before schema version 6 kept its identity in.
void save_legacy(const server_identity& id, const std::filesystem::path& dir, const sealing_key& sealing) {
  server_identity::write_certificate(id.cert(), dir);
  test::write_bytes(dir / "kms.key.sealed", sealing.seal(id.key().to_pkcs8_der(), server_identity::sealed_key_label));
}

BOOST_AUTO_TEST_CASE(the_certificate_is_written_readable_by_all) {
  test::scratch_dir dir;
  server_identity::write_certificate(identity(key_type::ec_p384).cert(), dir.path());
  BOOST_TEST(test::file_mode(dir / "kms.crt") == 0644u);
  BOOST_TEST(certificate::from_file(dir / "kms.crt").pem() == identity(key_type::ec_p384).cert().pem());
}

BOOST_AUTO_TEST_CASE(a_legacy_identity_loads_back_the_same) {
  for (key_type type : both_types) {
    test::scratch_dir dir;
    const sealing_key sealing = sealing_key::generate();
    save_legacy(identity(type), dir.path(), sealing);
    const server_identity loaded = server_identity::load(dir.path(), sealing);
    BOOST_TEST(loaded.cert().der() == identity(type).cert().der(), boost::test_tools::per_element());
    BOOST_TEST(EVP_PKEY_eq(loaded.key().native(), identity(type).key().native()) == 1);
  }
}

BOOST_AUTO_TEST_CASE(parts_that_do_not_belong_together_are_refused) {
  BOOST_TEST((failure_code([&] {
                server_identity::from_parts(private_key::generate_ec("P-384"),
                                            certificate::from_bytes(identity(key_type::ec_p384).cert().der(), "test"));
              }) == errc::corrupt));
}

BOOST_AUTO_TEST_CASE(loading_with_another_master_key_fails_to_verify) {
  test::scratch_dir dir;
  save_legacy(identity(key_type::ec_p384), dir.path(), sealing_key::generate());
  try {
    server_identity::load(dir.path(), sealing_key::generate());
    BOOST_FAIL("the identity unsealed with the wrong master key");
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::crypto));
    BOOST_TEST(std::string(e.what()).find("kms.key.sealed") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(loading_detects_a_key_that_does_not_belong_to_the_certificate) {
  test::scratch_dir a;
  test::scratch_dir b;
  const sealing_key sealing = sealing_key::generate();
  save_legacy(identity(key_type::ec_p384), a.path(), sealing);
  save_legacy(identity(key_type::rsa3072), b.path(), sealing);
  std::filesystem::copy_file(b / "kms.crt", a / "kms.crt", std::filesystem::copy_options::overwrite_existing);
  BOOST_TEST((failure_code([&] { server_identity::load(a.path(), sealing); }) == errc::corrupt));
}

BOOST_AUTO_TEST_CASE(loading_a_missing_identity_is_not_found) {
  test::scratch_dir dir;
  BOOST_TEST((failure_code([&] { server_identity::load(dir.path(), sealing_key::generate()); }) ==
              errc::not_found));
}

BOOST_AUTO_TEST_SUITE_END()
