#define BOOST_TEST_MODULE ca_cfssl_protocol_test
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "ca/cfssl_protocol.hpp"
#include "canned_cfssl_answers.hpp"

namespace ca = arbor::km::ca;
namespace cfssl = arbor::km::ca::cfssl;
namespace json = boost::json;
using arbor::km::errc;
using arbor::km::error;

namespace {

std::string sign_answer(const json::value& result) {
  return json::serialize(json::object{{"success", true}, {"result", result}, {"errors", json::array{}}});
}

// Runs f, which must throw arbor::km::error, and returns what it threw.
template <typename F>
error thrown_by(F f) {
  try {
    f();
  } catch (const error& e) {
    return e;
  }
  BOOST_FAIL("expected arbor::km::error");
  throw;  // unreachable: BOOST_FAIL throws
}

const ca::revocation alice_moved{"554471859504821296973126610469853786054417315093",
                                 "8fc7992aac4cb4156897a98e6ff9b4937d9546d4",
                                 ca::revocation_reason::affiliation_changed};

}  // namespace

BOOST_AUTO_TEST_CASE(signed_certificate_returns_the_pem_of_a_successful_answer) {
  const std::string body = sign_answer(json::object{{"certificate", ca::testing::issued_pem}});
  BOOST_TEST(cfssl::signed_certificate(200, body) == ca::testing::issued_pem);
}

BOOST_AUTO_TEST_CASE(signed_certificate_reports_cfssl_reasons_as_ca_error) {
  const error e = thrown_by([] { cfssl::signed_certificate(400, ca::testing::sign_csr_rejected); });
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_error));
  BOOST_TEST(std::string(e.what()) ==
             "Certificate Services refused to sign the certificate request: CSR Decode failed (cfssl error 9002).");
}

BOOST_AUTO_TEST_CASE(signed_certificate_rejects_success_without_a_certificate) {
  const error e = thrown_by([] { cfssl::signed_certificate(200, sign_answer(json::object{})); });
  BOOST_TEST(std::string(e.what()).starts_with("Certificate Services answered with something that is not a cfssl response"));
}

BOOST_AUTO_TEST_CASE(confirm_revocation_accepts_cfssl_success) {
  BOOST_CHECK_NO_THROW(cfssl::confirm_revocation(200, ca::testing::revoke_confirmed, alice_moved));
}

BOOST_AUTO_TEST_CASE(confirm_revocation_names_the_serial_and_cfssl_reason) {
  const error e = thrown_by([] { cfssl::confirm_revocation(400, ca::testing::revoke_not_found, alice_moved); });
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_error));
  BOOST_TEST(std::string(e.what()) ==
             "Certificate Services refused to revoke the certificate with serial number "
             "554471859504821296973126610469853786054417315093: failed to revoke the certificate: "
             "certificate not found (cfssl error 11200).");
}

BOOST_AUTO_TEST_CASE(a_failure_without_errors_still_says_it_was_refused) {
  const error e = thrown_by([] { cfssl::confirm_revocation(500, R"({"success":false})", alice_moved); });
  BOOST_TEST(std::string(e.what()).ends_with("it gave no reason."));
}

BOOST_AUTO_TEST_CASE(a_non_json_body_is_not_a_cfssl_response) {
  const error e = thrown_by([] { cfssl::confirm_revocation(404, "404 page not found\n", alice_moved); });
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_error));
  BOOST_TEST(std::string(e.what()).starts_with("Certificate Services answered with something that is not a cfssl response"));
  BOOST_TEST(e.technical() == "HTTP 404, body: 404 page not found?");
}

BOOST_AUTO_TEST_CASE(json_without_a_success_flag_is_not_a_cfssl_response) {
  for (const char* body : {"{}", "[]", R"({"success":"yes"})", "null", ""}) {
    const error e = thrown_by([body] { cfssl::confirm_revocation(200, body, alice_moved); });
    BOOST_TEST(std::string(e.what()).starts_with("Certificate Services answered with something that is not"), body);
  }
}

BOOST_AUTO_TEST_CASE(revoke_body_sends_the_empty_authority_key_id_cfssl_1_2_files_under) {
  const json::object body = json::parse(cfssl::revoke_body(alice_moved)).as_object();
  BOOST_TEST(body.at("serial").as_string() == "554471859504821296973126610469853786054417315093");
  BOOST_TEST(body.at("authority_key_id").as_string() == "");
  BOOST_TEST(body.at("reason").as_string() == "affiliationChanged");
}

BOOST_AUTO_TEST_CASE(sign_body_carries_profile_subject_and_email) {
  const json::object body =
      json::parse(cfssl::sign_body("-----BEGIN CERTIFICATE REQUEST-----\n", {"Alice Example", "alice@example.org"}))
          .as_object();
  BOOST_TEST(body.at("certificate_request").as_string() == "-----BEGIN CERTIFICATE REQUEST-----\n");
  BOOST_TEST(body.at("profile").as_string() == "user-encryption");
  BOOST_TEST(body.at("subject").at("CN").as_string() == "Alice Example");
  BOOST_TEST(body.at("hosts").as_array() == json::array{"alice@example.org"});
}

BOOST_AUTO_TEST_CASE(sign_body_leaves_out_what_the_request_leaves_empty) {
  const json::object body = json::parse(cfssl::sign_body("csr", {})).as_object();
  BOOST_TEST(!body.contains("subject"));
  BOOST_TEST(!body.contains("hosts"));
}

BOOST_AUTO_TEST_CASE(reason_names_are_rfc_5280_reason_flags) {
  BOOST_TEST(ca::rfc5280_name(ca::revocation_reason::affiliation_changed) == "affiliationChanged");
  BOOST_TEST(ca::rfc5280_name(ca::revocation_reason::ca_compromise) == "cACompromise");
  BOOST_TEST(ca::rfc5280_name(ca::revocation_reason::remove_from_crl) == "removeFromCRL");
  BOOST_TEST(static_cast<int>(ca::revocation_reason::remove_from_crl) == 8);
}
