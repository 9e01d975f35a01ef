#define BOOST_TEST_MODULE ca_certificate_identity_test
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "ca/certificate_identity.hpp"
#include "canned_cfssl_answers.hpp"

namespace ca = arbor::km::ca;
namespace crypto = arbor::km::crypto;
using arbor::km::errc;

BOOST_AUTO_TEST_CASE(read_issued_certificate_gives_decimal_serial_and_hex_aki) {
  const crypto::certificate cert = ca::read_issued_certificate(std::string(ca::testing::issued_pem));
  BOOST_TEST(cert.serial_decimal() == ca::testing::issued_serial_decimal);
  BOOST_TEST(cert.authority_key_id_hex().value_or("") == ca::testing::issued_authority_key_id);
  BOOST_TEST(cert.pem() == ca::testing::issued_pem);
  BOOST_TEST(cert.der().size() == 695u);  // openssl x509 -outform DER | wc -c
}

BOOST_AUTO_TEST_CASE(revocation_for_a_stored_certificate_matches_what_enroll_returned) {
  const crypto::certificate cert = ca::read_issued_certificate(std::string(ca::testing::issued_pem));
  const crypto::certificate stored = crypto::certificate::from_bytes(cert.der(), "the stored certificate");
  const ca::revocation r = ca::revocation_for(stored, ca::revocation_reason::affiliation_changed);
  BOOST_TEST(r.serial_decimal == cert.serial_decimal());
  BOOST_TEST(r.authority_key_id == cert.authority_key_id_hex().value_or(""));
  BOOST_TEST(static_cast<int>(r.reason) == 3);
}

BOOST_AUTO_TEST_CASE(read_issued_certificate_rejects_text_that_is_not_a_certificate) {
  BOOST_CHECK_EXCEPTION(ca::read_issued_certificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                        arbor::km::error,
                        [](const arbor::km::error& e) { return e.code() == errc::ca_error; });
}

// A revocation is built from the one certificate type: a stored certificate that is not one is
// refused when it is read, before any request exists.
BOOST_AUTO_TEST_CASE(a_stored_certificate_of_bytes_that_are_not_a_certificate_is_refused) {
  const std::vector<std::uint8_t> junk{0x30, 0x03, 0x02, 0x01, 0x01};
  BOOST_CHECK_EXCEPTION(crypto::certificate::from_bytes(junk, "the stored certificate"), arbor::km::error,
                        [](const arbor::km::error& e) { return e.code() == errc::bad_input; });
}

BOOST_AUTO_TEST_CASE(a_stored_certificate_with_trailing_bytes_is_refused) {
  std::vector<std::uint8_t> der = ca::read_issued_certificate(std::string(ca::testing::issued_pem)).der();
  der.push_back(0);
  BOOST_CHECK_EXCEPTION(crypto::certificate::from_bytes(der, "the stored certificate"), arbor::km::error,
                        [](const arbor::km::error& e) { return e.code() == errc::bad_input; });
}
