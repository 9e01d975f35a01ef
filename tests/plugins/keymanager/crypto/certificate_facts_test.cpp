#define BOOST_TEST_MODULE certificate_facts_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/km_error.hpp"
#include "common/secret.hpp"
#include "crypto/certificate.hpp"
#include "crypto/certificate_facts.hpp"
#include "crypto/private_key.hpp"
#include "crypto_test_support.hpp"
#include "crypto/public_key_match.hpp"

// The import reads certificates field by field instead of with d2i_X509, and compares public keys
// as numbers instead of decoding them. Every case here checks that shortcut against the parsed
// certificate and EVP_PKEY_eq, on certificates the openssl command line made.

using namespace arbor::km;
using test::quoted;
using test::run;

namespace {

// Certificates and keys of several shapes, made once for the whole module.
struct pki {
  test::scratch_dir dir;

  pki() {
    sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -subj '/CN=Test CA/O=Example' -days 30");
    test::write_text(dir / "leaf.ext", "authorityKeyIdentifier=keyid\nkeyUsage=digitalSignature\n");
    // v3 with authorityKeyIdentifier, issued by the CA; a UTF-8 subject and a long serial.
    leaf("rsa", "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key", "/CN=Zoë Rsa/O=Example");
    leaf("ec", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key", "/CN=Ec User");
    leaf("ed25519", "openssl genpkey -algorithm ED25519 -out ed25519.key", "/CN=Ed User");
    // v1: no version field, no extensions.
    sh("openssl req -new -newkey rsa:2048 -nodes -keyout v1.key -subj /CN=v1 -out v1.csr && "
       "openssl x509 -req -in v1.csr -signkey v1.key -days 5 -out v1.pem");
    // EC with its public point compressed in the certificate.
    sh("openssl ecparam -name prime256v1 -genkey -noout -out plain.key && "
       "openssl ec -in plain.key -conv_form compressed -out compressed.key && "
       "openssl req -x509 -key compressed.key -subj /CN=compressed -days 5 -out compressed.pem");
    for (const char* name : {"rsa", "ec", "ed25519", "v1", "compressed"}) {
      sh(std::string("openssl x509 -in ") + name + ".pem -outform DER -out " + name + ".der && openssl pkcs8 -topk8 -nocrypt -in " +
         name + ".key -outform DER -out " + name + ".p8");
    }
  }

  void sh(const std::string& command) const {
    const auto result = run("cd " + quoted(dir.path()) + " && " + command);
    if (result.exit_code != 0) throw std::runtime_error(command + ": " + result.output);
  }
  void leaf(const std::string& name, const std::string& keygen, const std::string& subject) const {
    sh(keygen + " && openssl req -new -key " + name + ".key -subj '" + subject + "' -utf8 -out " + name +
       ".csr && openssl x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -set_serial 0x0123456789abcdef0123 "
       "-days 10 -extfile leaf.ext -out " + name + ".pem");
  }
  std::vector<std::uint8_t> der(const std::string& name) const { return test::read_bytes(dir / (name + ".der")); }
  secret p8(const std::string& name) const {
    const auto bytes = test::read_bytes(dir / (name + ".p8"));
    return secret(bytes.data(), bytes.size());
  }
  crypto::private_key key(const std::string& name) const { return crypto::private_key::from_pkcs8_der(p8(name)); }
};

const pki& shapes() {
  static const pki made;
  return made;
}

const char* const all_shapes[] = {"rsa", "ec", "ed25519", "v1", "compressed"};

}  // namespace

BOOST_AUTO_TEST_CASE(facts_read_from_der_equal_those_of_the_parsed_certificate) {
  for (const char* name : all_shapes) {
    BOOST_TEST_CONTEXT(name) {
      const auto der = shapes().der(name);
      const auto expected = crypto::certificate::from_bytes(der, name).facts();
      const auto read = crypto::certificate_facts::from_der(der, name);
      BOOST_TEST(read.der == expected.der);
      BOOST_TEST(read.sha256_hex == expected.sha256_hex);
      BOOST_TEST(read.serial_decimal == expected.serial_decimal);
      BOOST_TEST(read.serial_hex == expected.serial_hex);
      BOOST_TEST(read.issuer == expected.issuer);
      BOOST_TEST(read.authority_key_id_hex == expected.authority_key_id_hex);
      BOOST_TEST((read.not_before == expected.not_before));
      BOOST_TEST((read.not_after == expected.not_after));
      BOOST_TEST(read.subject_public_key_info == expected.subject_public_key_info);
    }
  }
  // The shapes cover what the shortcut must find: an authority key id, and a certificate without.
  BOOST_TEST(!crypto::certificate_facts::from_der(shapes().der("rsa"), "rsa").authority_key_id_hex.empty());
  BOOST_TEST(crypto::certificate_facts::from_der(shapes().der("v1"), "v1").authority_key_id_hex.empty());
  BOOST_TEST(crypto::certificate_facts::from_der(shapes().der("rsa"), "rsa").serial_hex == "0123456789abcdef0123");
}

BOOST_AUTO_TEST_CASE(each_key_matches_its_own_certificate_and_no_other) {
  for (const char* key_name : all_shapes) {
    const auto key = shapes().key(key_name);
    for (const char* cert_name : all_shapes) {
      BOOST_TEST_CONTEXT(key_name << " against " << cert_name) {
        const auto cert = crypto::certificate_facts::from_der(shapes().der(cert_name), cert_name);
        const bool expected = key.matches(crypto::certificate::from_bytes(shapes().der(cert_name), cert_name));
        BOOST_TEST(expected == (std::string(key_name) == cert_name));
        BOOST_TEST(crypto::public_key_matches(key, cert.subject_public_key_info) == expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_key_of_the_same_shape_but_other_numbers_does_not_match) {
  const auto cert = crypto::certificate_facts::from_der(shapes().der("ec"), "ec");
  BOOST_TEST(!crypto::public_key_matches(crypto::private_key::generate_ec("P-256"), cert.subject_public_key_info));
  BOOST_TEST(!crypto::public_key_matches(crypto::private_key::generate_ec("P-384"), cert.subject_public_key_info));
  const auto rsa = crypto::certificate_facts::from_der(shapes().der("rsa"), "rsa");
  BOOST_TEST(!crypto::public_key_matches(crypto::private_key::generate_rsa(2048), rsa.subject_public_key_info));
}

bool is_rsa(const std::string& shape) { return shape == "rsa" || shape == "v1"; }

BOOST_AUTO_TEST_CASE(rsa_keys_read_from_der_match_their_own_certificate_and_no_other) {
  for (const char* key_name : all_shapes) {
    for (const char* cert_name : all_shapes) {
      BOOST_TEST_CONTEXT(key_name << " against " << cert_name) {
        const auto cert = crypto::certificate_facts::from_der(shapes().der(cert_name), cert_name);
        const auto matched = crypto::rsa_pkcs8_matches(shapes().p8(key_name), cert.subject_public_key_info);
        // Anything but an RSA key against an RSA certificate is left to OpenSSL.
        BOOST_TEST(matched.has_value() == (is_rsa(key_name) && is_rsa(cert_name)));
        if (matched) BOOST_TEST(*matched == (std::string(key_name) == cert_name));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_rsa_key_whose_private_numbers_disagree_is_refused_though_openssl_decodes_it) {
  const auto cert = crypto::certificate_facts::from_der(shapes().der("rsa"), "rsa");
  auto damaged = shapes().p8("rsa");
  damaged.data()[damaged.size() - 1] ^= 0x01;  // the low octet of qinv, the key's last number
  BOOST_TEST(crypto::public_key_matches(crypto::private_key::from_pkcs8_der(damaged), cert.subject_public_key_info));
  const auto matched = crypto::rsa_pkcs8_matches(damaged, cert.subject_public_key_info);
  BOOST_TEST((matched.has_value() && !*matched));
}

BOOST_AUTO_TEST_CASE(an_rsa_key_that_is_not_der_is_refused_as_corrupt) {
  const auto cert = crypto::certificate_facts::from_der(shapes().der("rsa"), "rsa");
  const auto good = shapes().p8("rsa");
  const secret truncated(good.data(), good.size() - 1);
  secret trailing(good.size() + 1);
  std::copy(good.data(), good.data() + good.size(), trailing.data());
  for (const secret* bad : std::initializer_list<const secret*>{&truncated, &trailing}) {
    BOOST_CHECK_EXCEPTION(crypto::rsa_pkcs8_matches(*bad, cert.subject_public_key_info), error,
                          [](const error& e) { return e.code() == errc::corrupt; });
  }
}

BOOST_AUTO_TEST_CASE(a_public_key_that_is_not_der_matches_nothing) {
  const auto key = shapes().key("rsa");
  auto spki = crypto::certificate_facts::from_der(shapes().der("rsa"), "rsa").subject_public_key_info;
  spki.pop_back();
  BOOST_TEST(!crypto::public_key_matches(key, spki));
  BOOST_TEST(!crypto::public_key_matches(key, std::vector<std::uint8_t>{0x30, 0x03, 0x02, 0x01}));
  BOOST_TEST(!crypto::public_key_matches(key, std::vector<std::uint8_t>{}));
}

BOOST_AUTO_TEST_CASE(damaged_certificates_are_refused_naming_the_key) {
  const auto good = shapes().der("ec");
  auto truncated = good;
  truncated.resize(truncated.size() - 10);
  auto trailing = good;
  trailing.push_back(0);
  auto wrong_serial_tag = good;
  // certificate SEQUENCE, tbsCertificate SEQUENCE (both with 2-octet lengths), [0] version (5 octets).
  wrong_serial_tag.at(4 + 4 + 5) = 0x04;
  const std::vector<std::uint8_t> garbage{'n', 'o', 't', ' ', 'a', ' ', 'c', 'e', 'r', 't'};
  for (const auto& bad : {truncated, trailing, wrong_serial_tag, garbage}) {
    BOOST_CHECK_EXCEPTION(crypto::certificate_facts::from_der(bad, "key 2 of user alice"), error, [](const error& e) {
      return e.code() == errc::corrupt && std::string(e.what()).find("key 2 of user alice") != std::string::npos;
    });
  }
}
